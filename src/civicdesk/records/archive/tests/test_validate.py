"""`archive validate` accepts the official examples and rejects broken copies with the right
kind of problem: checksum, schema, or a named CSIP rule."""

import shutil

import pytest
from django.core.management import call_command
from lxml import etree

from civicdesk.records.archive.samples import sample_export
from civicdesk.records.archive.validate import validate_package
from civicdesk.records.archive.writers import write_package

CORPUS = "sweden-fgs/e-ark-ip-test-corpus/CSIP/CSIP1/valid/minimal_IP_with_1_representation"


def lines(path) -> list[str]:
    return [str(problem) for problem in validate_package(path)]


@pytest.fixture
def package(standards, tmp_path):
    def make(kind: str, entries: int = 40):
        return write_package(kind, sample_export(entries), tmp_path / kind, standards).root

    return make


class TestOfficialExamples:
    @pytest.mark.parametrize(
        "example",
        [
            "noark5/examples/noark5-tester-noark5-enkel-v5.0/arkivstruktur.xml",
            "noark5/examples/official-standard/arkivuttrekk_v5_0.xml",
            "noark5/examples/arkade5-LogsControl/arkivuttrekk.xml",
            "noark5/examples/arkade5-LogsControl/endringslogg.xml",
            "sweden-fgs/cits-erms/examples/ERMS_version_2_1_0_generated_example.xml",
        ],
    )
    def test_single_example_files_are_valid(self, standards, example):
        # These are single files (a template, a lone arkivstruktur), not whole extractions.
        assert lines(standards / example) == []

    def test_mdto_examples_folder_is_valid(self, standards):
        assert lines(standards / "netherlands-mdto/voorbeelden") == []

    def test_csip_corpus_package_as_stored_only_differs_in_its_mets_xsd_copy(self, standards):
        # The corpus lists schemas/METS.xsd with the checksum of a CRLF file; the stored copy is
        # schemas/mets.xsd with LF line endings. Everything else (schema, CSIP rules, the other
        # checksums) must pass.
        problems = lines(standards / CORPUS)
        assert len(problems) == 2
        assert "schemas/METS.xsd: CSIP71: listed file is missing" in problems[0]
        assert "schemas/mets.xsd: CSIP58: file is in the package but not listed" in problems[1]

    def test_csip_corpus_package_with_its_original_bytes_is_valid(self, standards, tmp_path):
        copy = shutil.copytree(standards / CORPUS, tmp_path / "minimal_IP_with_1_representation")
        lf = (copy / "schemas/mets.xsd").read_bytes()
        (copy / "schemas/mets.xsd").unlink()
        (copy / "schemas/METS.xsd").write_bytes(lf.replace(b"\n", b"\r\n"))
        assert lines(copy) == []


class TestBrokenCopies:
    @pytest.mark.parametrize(
        "kind,victim",
        [
            ("noark5", "loependeJournal.xml"),
            ("eark", "metadata/descriptive/erms.xml"),
            ("mdto", "serie.mdto.xml"),
            ("json", "entries.jsonl"),
        ],
    )
    def test_a_changed_byte_is_a_checksum_problem(self, package, kind, victim):
        root = package(kind)
        data = bytearray((root / victim).read_bytes())
        position = data.index(b"2026")
        data[position + 3] = ord("7")  # 2026 -> 2027: still well-formed and schema-valid
        (root / victim).write_bytes(bytes(data))
        problems = lines(root)
        assert any(victim in p and "checksum mismatch" in p for p in problems), problems

    def test_a_changed_document_byte_is_caught_in_noark5(self, package):
        root = package("noark5")
        document = next((root / "dokumenter").rglob("01-text.txt"))
        document.write_bytes(document.read_bytes().replace(b"Hej", b"Hei"))
        assert any("01-text.txt" in p and "checksum mismatch" in p for p in lines(root))

    def test_a_removed_required_element_is_a_schema_problem(self, standards, tmp_path):
        source = standards / "noark5/examples/noark5-tester-noark5-enkel-v5.0/arkivstruktur.xml"
        broken = tmp_path / "arkivstruktur.xml"
        broken.write_text(
            source.read_text("utf-8").replace("<saksaar>2018</saksaar>", "", 1), "utf-8"
        )
        problems = lines(broken)
        assert len(problems) == 1
        assert f"{broken}:211: schema (Noark 5 v5.0 arkivstruktur.xsd)" in problems[0]
        assert "sakssekvensnummer" in problems[0]

    def test_a_removed_required_element_in_an_eark_package_is_a_schema_problem(self, package):
        root = package("eark")
        mets = root / "METS.xml"
        tree = etree.parse(str(mets))
        header = tree.getroot()[0]
        header.remove(header[0])  # the software agent
        tree.write(str(mets), xml_declaration=True, encoding="utf-8")
        problems = lines(root)
        assert any("CSIP10" in p for p in problems), problems

    def test_a_missing_objid_is_a_csip1_problem(self, standards, tmp_path):
        copy = shutil.copytree(standards / CORPUS, tmp_path / "ip")
        mets = copy / "METS.xml"
        mets.write_text(
            mets.read_text("utf-8").replace('OBJID="minimal_IP_with_1_representation"', ""), "utf-8"
        )
        problems = lines(copy)
        assert any(p.startswith(f"{mets}:") and "CSIP1: mets/@OBJID" in p for p in problems)

    def test_a_missing_filesec_checksum_type_is_named_by_rule(self, package):
        root = package("eark")
        mets = root / "representations/rep1/METS.xml"
        mets.write_text(mets.read_text("utf-8").replace(' CHECKSUMTYPE="SHA-256"', "", 1), "utf-8")
        assert any("CSIP72: file/@CHECKSUMTYPE is missing" in p for p in lines(root))

    def test_an_extra_file_is_reported_as_unlisted(self, package):
        root = package("eark")
        (root / "representations/rep1/data/smuggled.txt").write_text("not in the METS")
        assert any("smuggled.txt: CSIP58" in p for p in lines(root))

    def test_garbage_xml_is_a_problem_not_an_exception(self, package):
        root = package("noark5")
        (root / "arkivstruktur.xml").write_bytes(b"\x00\x01garbage <<")
        problems = lines(root)
        assert any(
            p.startswith(f"{root / 'arkivstruktur.xml'}") and "not well-formed XML" in p
            for p in problems
        ), problems


class TestCommand:
    def test_valid_package_exits_zero_and_says_ok(self, package, capsys):
        root = package("json")
        call_command("archive", "validate", str(root))
        assert capsys.readouterr().out.strip() == f"{root}: ok"

    def test_invalid_input_exits_one_with_one_line_per_problem(self, tmp_path, capsys):
        garbage = tmp_path / "METS.xml"
        garbage.write_text("<<< not xml")
        with pytest.raises(SystemExit) as exit_info:
            call_command("archive", "validate", str(tmp_path), str(tmp_path / "missing"))
        assert exit_info.value.code == 1
        out = capsys.readouterr().out.strip().splitlines()
        assert out[0].startswith(f"{garbage}:1: not well-formed XML")
        assert out[-1] == f"{tmp_path / 'missing'}: no such folder or file"
        assert "Traceback" not in "\n".join(out)
