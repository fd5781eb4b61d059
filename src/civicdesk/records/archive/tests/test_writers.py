"""Each writer's output on a few hundred generated entries validates against the official XSDs
in shared/standards (measured with lxml, offline), and its manifest states what it covers."""

import json

import pytest
from lxml import etree

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.samples import sample_export
from civicdesk.records.archive.validate import validate_package
from civicdesk.records.archive.writers import write_package

from .helpers import schema_errors

ENTRIES = 300


@pytest.fixture(scope="module")
def packages(standards, tmp_path_factory):
    root = tmp_path_factory.mktemp("packages")
    return {
        name: write_package(
            name, sample_export(ENTRIES, hostile=True), root / f"{name}-pkg", standards
        )
        for name in ("noark5", "eark", "mdto", "json")
    }


class TestNoark5Extraction:
    @pytest.mark.parametrize(
        "name", ["arkivstruktur", "endringslogg", "loependeJournal", "offentligJournal"]
    )
    def test_each_file_validates_against_the_official_v5_schema(self, packages, name):
        xml = packages["noark5"].root / f"{name}.xml"
        assert schema_errors(xml, f"{std.NOARK5_XSD}/{name}.xsd") == []

    def test_arkivuttrekk_validates_against_addml_8_3(self, packages):
        assert schema_errors(packages["noark5"].root / "arkivuttrekk.xml", std.ADDML_XSD) == []

    def test_case_and_journal_numbers_and_uuid_system_ids_are_present(self, packages):
        tree = etree.parse(str(packages["noark5"].root / "arkivstruktur.xml"))
        ns = {"n": std.NS_NOARK + "arkivstruktur"}
        assert len(tree.xpath("//n:mappe/n:saksaar", namespaces=ns)) == ENTRIES // 50
        posts = tree.xpath("//n:registrering", namespaces=ns)
        assert len(posts) == ENTRIES
        assert {p.findtext("n:journalsekvensnummer", namespaces=ns) for p in posts} == {
            str(n) for n in range(1, ENTRIES + 1)
        }
        ids = tree.xpath("//n:systemID/text()", namespaces=ns)
        assert all(len(i) == 36 and i.count("-") == 4 for i in ids)

    def test_public_journal_masks_confidential_entries(self, packages):
        public = (packages["noark5"].root / "offentligJournal.xml").read_text("utf-8")
        running = (packages["noark5"].root / "loependeJournal.xml").read_text("utf-8")
        assert "Invånare 10<" in running  # entry 10 is confidential: named in the running one
        assert "Invånare 10<" not in public
        assert "Skyddad uppgift" in public and "OSL 21:1" in public

    def test_xsds_are_copied_unchanged(self, packages, standards):
        copied = packages["noark5"].root / "arkivstruktur.xsd"
        assert (
            copied.read_bytes() == (standards / std.NOARK5_XSD / "arkivstruktur.xsd").read_bytes()
        )


class TestEarkPackage:
    def test_package_and_representation_mets_validate_with_dilcis_extensions(self, packages):
        root = packages["eark"].root
        for mets in ("METS.xml", "representations/rep1/METS.xml"):
            assert (
                schema_errors(
                    root / mets, std.METS_XSD, std.CSIP_EXT_XSD, std.SIP_EXT_XSD, std.XLINK_XSD
                )
                == []
            )

    def test_erms_descriptive_metadata_validates_against_erms_2_1(self, packages):
        erms = packages["eark"].root / "metadata/descriptive/erms.xml"
        assert schema_errors(erms, std.ERMS_XSD) == []

    def test_every_document_is_in_the_representation_filesec(self, packages):
        root = packages["eark"].root
        files = (
            etree.parse(str(root / "representations/rep1/METS.xml"))
            .getroot()
            .iter(f"{{{std.NS_METS}}}file")
        )
        assert sum(1 for _ in files) == packages["eark"].coverage.documents
        assert packages["eark"].coverage.documents > ENTRIES * 2


class TestMdto:
    def test_every_object_and_file_document_validates_against_mdto_1_0_1(self, packages):
        root = packages["mdto"].root
        documents = sorted(root.rglob("*.mdto.xml"))
        bestanden = [d for d in documents if d.name.endswith(".bestand.mdto.xml")]
        assert len(bestanden) == packages["mdto"].coverage.documents
        assert len(documents) == 1 + ENTRIES // 50 + ENTRIES + len(bestanden)
        for document in documents:
            assert schema_errors(document, std.MDTO_XSD) == [], document


class TestManifests:
    @pytest.mark.parametrize(
        "name,where",
        [
            ("noark5", "civicdesk-manifest.json"),
            ("eark", "documentation/civicdesk-manifest.json"),
            ("mdto", "civicdesk-manifest.json"),
            ("json", "civicdesk-manifest.json"),
        ],
    )
    def test_manifest_states_counts_dates_and_chain_head(self, packages, name, where):
        body = json.loads((packages[name].root / where).read_text("utf-8"))
        assert body["format"] == name
        assert body["chain_head"] == "sha256:" + "ab" * 32
        assert body["covers"]["entries"] == ENTRIES
        assert body["covers"]["confidential_entries"] == ENTRIES // 10
        assert body["covers"]["first_entry"] == "2026-01-05T09:07:00+00:00"
        assert body["period"] == {"from": "2026-01-01", "to": "2026-06-30"}

    @pytest.mark.parametrize("name", ["noark5", "eark", "mdto", "json"])
    def test_own_validator_accepts_each_written_package(self, packages, name):
        assert [str(p) for p in validate_package(packages[name].root)] == []


class TestOutputFolder:
    def test_refuses_to_write_into_a_non_empty_folder(self, standards, tmp_path):
        from civicdesk.core.exceptions import InvalidInput

        (tmp_path / "old.txt").write_text("earlier package")
        with pytest.raises(InvalidInput):
            write_package("json", sample_export(3), tmp_path, standards)

    def test_unknown_format_is_refused(self, standards, tmp_path):
        from civicdesk.core.exceptions import InvalidInput

        with pytest.raises(InvalidInput):
            write_package("pdf", sample_export(3), tmp_path / "x", standards)
