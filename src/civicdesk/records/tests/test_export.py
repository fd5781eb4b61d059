"""`civicdesk export` after the demo: packages the project's own validator accepts against the
official schemas (issue 5 "Done when"), with the diary, masking and the chain head in them."""

import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from lxml import etree

from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.models import Item
from civicdesk.records import log
from civicdesk.records.archive import standards as std
from civicdesk.records.archive.validate import validate_package
from civicdesk.records.models import DiaryEntry, LogEntry

NOARK = {"n": std.NS_NOARK + "arkivstruktur"}


def export(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("export", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def manifest(root) -> dict:
    path = next(root.rglob("civicdesk-manifest.json"))
    return json.loads(path.read_text("utf-8"))


class TestDoneWhen:
    @pytest.mark.parametrize(
        ("package_format", "org"), [("noark5", "bo"), ("eark", "tyreso"), ("mdto", "klim-op")]
    )
    def test_demo_exports_validate_against_the_official_schemas(
        self, demo, tmp_path, package_format, org
    ):
        out = tmp_path / package_format
        code, stdout, stderr = export(package_format, "--org", org, "--out", str(out))
        assert (code, stderr) == (0, "")
        assert validate_package(out) == []
        assert f"{package_format} package" in stdout

    def test_json_export_validates(self, demo, tmp_path):
        assert export("json", "--org", "botkyrka", "--out", str(tmp_path / "j"))[0] == 0
        assert validate_package(tmp_path / "j") == []


class TestWhatIsExported:
    def test_noark5_holds_exactly_the_diary_entries_with_their_numbers(self, demo, tmp_path):
        export("noark5", "--org", "bo", "--out", str(tmp_path / "n"))
        tree = etree.parse(str(tmp_path / "n" / "arkivstruktur.xml"))
        numbers = tree.xpath("//n:registrering/n:registreringsID/text()", namespaces=NOARK)
        expected = DiaryEntry.objects.filter(organisation=demo["bo"]).values_list(
            "number", flat=True
        )
        assert sorted(numbers) == sorted(expected) and numbers
        sequences = [
            int(s)
            for s in tree.xpath("//n:registrering/n:journalsekvensnummer/text()", namespaces=NOARK)
        ]
        assert len(set(sequences)) == len(sequences)

    def test_confidential_entries_are_masked_in_the_public_journal(self, demo, tmp_path):
        bo = demo["bo"]
        confidential = DiaryEntry.objects.filter(organisation=bo, confidential=True).first()
        assert confidential is not None, "the demo registers confidential Bø messages"
        export("noark5", "--org", "bo", "--out", str(tmp_path / "n"))
        public = (tmp_path / "n" / "offentligJournal.xml").read_text("utf-8")
        running = (tmp_path / "n" / "loependeJournal.xml").read_text("utf-8")
        assert f">{confidential.sender}<" in running
        assert f">{confidential.sender}<" not in public
        assert confidential.legal_ground in public

    def test_every_kept_item_is_in_the_eark_package_with_versions_and_replies(self, demo, tmp_path):
        tyreso = demo["tyreso"]
        first = Item.objects.filter(organisation=tyreso, replies__isnull=False).first()
        assert first is not None
        changed = {
            "channel": first.channel.slug,
            "external_id": first.external_id,
            "kind": first.kind,
            "visibility": first.visibility,
            "author": {"id": first.author_id, "name": first.author_name, "handle": None},
            "text": first.text + " (ändrad]]> \x0b \ufffe \u202e <b>&amp;)",
            "created_at": first.created_at.isoformat(),
        }
        (outcome,) = ingest([changed])
        assert outcome.new_version and outcome.error is None
        export("eark", "--org", "tyreso", "--out", str(tmp_path / "e"))
        assert validate_package(tmp_path / "e") == []
        covers = manifest(tmp_path / "e")["covers"]
        assert covers["entries"] == Item.objects.filter(organisation=tyreso).count()
        names = {p.name for p in (tmp_path / "e").rglob("*")}
        assert any(n.endswith("version-1.txt") for n in names)
        assert any(n.endswith("reply-1.txt") for n in names)

    def test_the_manifest_states_the_chain_head_and_the_export_is_logged(self, demo, tmp_path):
        log.append("test.before", "thing:1", {})
        head = str(log.head())
        export("mdto", "--org", "klim-op", "--out", str(tmp_path / "m"))
        assert manifest(tmp_path / "m")["chain_head"] == head
        logged = LogEntry.objects.order_by("-sequence").first()
        assert logged.event == "archive.exported"
        assert json.loads(logged.payload)["format"] == "mdto"
        assert log.verify(anchors=[head]).intact

    def test_the_period_selects_by_local_date_of_receipt(self, demo, tmp_path):
        tyreso = demo["tyreso"]
        items = Item.objects.filter(organisation=tyreso).order_by("received_at")
        # The local date: in UTC an evening item may fall on a day with no local items at all.
        middle = items[len(items) // 2].received_at.astimezone(ZoneInfo(tyreso.timezone))
        day = middle.date().isoformat()
        export("json", "--org", "tyreso", "--out", str(tmp_path / "p"), "--from", day, "--to", day)
        lines = (tmp_path / "p" / "entries.jsonl").read_text("utf-8").splitlines()
        assert 0 < len(lines) < items.count()
        assert manifest(tmp_path / "p")["period"] == {"from": day, "to": day}


class TestBadInput:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["eark", "--org", "nowhere"], "no organisation 'nowhere'"),
            (["tar", "--org", "tyreso"], "unknown format 'tar'"),
            (["eark", "--org", "tyreso", "--from", "2026-02-30"], "is not a date"),
            (["eark", "--org", "tyreso", "--from", "2026-03-01", "--to", "2026-02-01"], "after"),
            (["noark5", "--org", "tyreso", "--to", "1999-01-01"], "nothing to export"),
        ],
    )
    def test_exit_1_with_a_message_and_no_package_left(
        self, tyreso, standards, tmp_path, args, message
    ):
        out = tmp_path / "out"
        code, stdout, stderr = export(*args, "--out", str(out))
        assert code == 1
        assert message in stderr and "Traceback" not in stderr
        assert not out.exists()

    def test_a_folder_with_files_is_never_written_over(self, tyreso, standards, tmp_path):
        (tmp_path / "keep.txt").write_text("mine")
        code, _, stderr = export("json", "--org", "tyreso", "--out", str(tmp_path))
        assert code == 1 and "new or empty" in stderr
        assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]

    def test_an_unwritable_folder_is_refused(self, tyreso, standards, tmp_path):
        target = tmp_path / "file-not-dir"
        target.write_text("x")
        code, _, stderr = export("json", "--org", "tyreso", "--out", str(target / "sub"))
        assert code == 1 and "cannot write" in stderr
