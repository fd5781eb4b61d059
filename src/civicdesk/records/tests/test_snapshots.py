"""Snapshots (A3): an HTML page and a WARC of the channel, registered; the warc export."""

import gzip
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.tests.conftest import item
from civicdesk.records.archive.validate import validate_package
from civicdesk.records.models import DiaryEntry, Snapshot
from civicdesk.records.snapshots import take_due_snapshots, take_snapshot
from civicdesk.registry.models import Channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def facebook(tyreso):
    list(
        ingest(
            [
                item("1", text="Hej! När öppnar återvinningscentralen?"),
                item("2", text="<script>alert('x')</script> Tack för en fin dag!"),
                item("3", text="Mitt personnummer är 121212-1212"),
                item("dm", kind="message", visibility="private", text="Privat fråga"),
            ]
        )
    )
    return Channel.objects.select_related("organisation", "owning_unit").get(slug="tyreso-facebook")


class TestTakeSnapshot:
    def test_page_warc_and_diary_entry(self, facebook, data_dir):
        snapshot = take_snapshot(facebook, trigger=Snapshot.Trigger.ON_DEMAND)
        page = Path(snapshot.html_path).read_text(encoding="utf-8")
        assert snapshot.items == 3  # public items only; the private message is not on the page
        assert "återvinningscentralen" in page
        assert "Privat fråga" not in page
        assert "<script>alert" not in page and "&lt;script&gt;" in page
        assert "kept here as KS " in page  # the hidden comment is shown as a kept record
        with gzip.open(snapshot.warc_path, "rb") as handle:
            warc = handle.read()
        assert b"WARC-Type: resource" in warc and b"tyreso-facebook" in warc
        assert snapshot.diary_entry.reason == DiaryEntry.Reason.SNAPSHOT
        assert snapshot.diary_entry.number.startswith("KS ")

    def test_due_snapshots_follow_the_pack_interval(self, facebook, data_dir):
        now = timezone.now()
        first = take_due_snapshots(now)
        assert first == Channel.objects.filter(status="active").count()
        assert take_due_snapshots(now + timedelta(days=30)) == 0
        assert take_due_snapshots(now + timedelta(days=200)) == first  # Tyresö: six months


class TestWarcExport:
    def test_export_validates_and_a_changed_byte_is_caught(self, facebook, data_dir, tmp_path):
        take_snapshot(facebook, trigger=Snapshot.Trigger.ON_DEMAND)
        out = tmp_path / "warc-package"
        call_command("export", "warc", "--org", "tyreso", "--out", str(out))
        assert validate_package(out) == []
        warc = next((out / "warc").glob("*.warc.gz"))
        data = bytearray(warc.read_bytes())
        data[len(data) // 2] ^= 0xFF
        warc.write_bytes(bytes(data))
        problems = [str(p) for p in validate_package(out)]
        assert any("SHA-256 does not match" in p for p in problems)

    def test_export_without_snapshots_is_a_clear_error(self, facebook, data_dir, tmp_path, capsys):
        with pytest.raises(SystemExit):
            call_command("export", "warc", "--org", "tyreso", "--out", str(tmp_path / "x"))
        assert "no snapshots" in capsys.readouterr().err

    def test_snapshot_command(self, facebook, data_dir, capsys):
        call_command("snapshot", "tyreso-facebook")
        out = capsys.readouterr().out
        assert out.startswith("KS ") and "3 items" in out
