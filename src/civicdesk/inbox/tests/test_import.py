"""`civicdesk import CHANNEL FILE`: streams, reports bad lines as FILE:LINE and can be re-run."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from civicdesk.inbox.models import Item
from civicdesk.inbox.tests.conftest import item

pytestmark = pytest.mark.django_db


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class TestImportCommand:
    def test_good_lines_are_imported_and_bad_ones_named(self, tyreso, tmp_path, capsys):
        path = write_lines(
            tmp_path / "items.jsonl",
            [
                json.dumps(item("1")),
                "{broken json",
                json.dumps(item("2", created_at="not a date")),
                "",
                json.dumps(item("3")),
            ],
        )
        with pytest.raises(SystemExit) as exit_info:
            call_command("import", "tyreso-facebook", str(path))
        assert exit_info.value.code == 1
        captured = capsys.readouterr()
        assert f"{path}:2: not valid JSON" in captured.err
        assert f"{path}:3: created_at: " in captured.err
        assert "2 imported, 0 new versions, 0 unchanged, 2 rejected" in captured.out
        assert sorted(Item.objects.values_list("external_id", flat=True)) == ["1", "3"]

    def test_rerun_is_safe(self, tyreso, tmp_path, capsys):
        path = write_lines(tmp_path / "items.jsonl", [json.dumps(item(str(i))) for i in range(5)])
        call_command("import", "tyreso-facebook", str(path))
        call_command("import", "tyreso-facebook", str(path))
        assert "0 imported, 0 new versions, 5 unchanged, 0 rejected" in capsys.readouterr().out
        assert Item.objects.count() == 5

    def test_items_are_forced_into_the_named_channel(self, tyreso, tmp_path, capsys):
        raw = item("1")
        del raw["channel"]
        path = write_lines(tmp_path / "items.jsonl", [json.dumps(raw)])
        call_command("import", "tyreso-instagram", str(path))
        assert Item.objects.get().channel.slug == "tyreso-instagram"

    def test_missing_file_is_a_clear_error(self, tyreso, tmp_path, capsys):
        with pytest.raises(SystemExit):
            call_command("import", "tyreso-facebook", str(tmp_path / "none.jsonl"))
        assert "cannot read" in capsys.readouterr().err


FIXTURES = Path(__file__).resolve().parents[2] / "connectors" / "tests" / "fixtures"


def run_import(*args: str) -> int:
    try:
        call_command("import", *args)
    except SystemExit as exit_info:
        return exit_info.code
    return 0


class TestPlatformFormats:
    @pytest.mark.parametrize(
        ("file_format", "fixture"),
        [
            ("facebook", "facebook/graph_comments.json"),
            ("facebook", "facebook/dyi_message_1.json"),
            ("x", "x/tweets.js"),
            ("x", "x/direct-messages.js"),
            ("instagram", "instagram/comments.json"),
        ],
    )
    def test_platform_file_is_imported_and_triaged(self, tyreso, file_format, fixture, capsys):
        path = str(FIXTURES / fixture)
        status = run_import("tyreso-facebook", path, "--format", file_format)
        captured = capsys.readouterr()
        imported, rejected = int(captured.out.split()[0]), int(captured.out.split()[-2])
        assert imported > 0
        assert status == (1 if rejected else 0)
        assert captured.err.count(f"{path}:") == rejected
        assert Item.objects.count() == imported
        assert not Item.objects.filter(category="").exists()
        # Importing the same export again changes nothing.
        run_import("tyreso-facebook", path, "--format", file_format)
        assert f"0 imported, 0 new versions, {imported} unchanged" in capsys.readouterr().out

    def test_private_messages_from_an_export_are_registered(self, tyreso):
        run_import("tyreso-facebook", str(FIXTURES / "x/direct-messages.js"), "--format", "x")
        messages = Item.objects.filter(visibility="private")
        assert messages.exists()
        assert all(m.diary_number.startswith("KS ") for m in messages)

    def test_broken_export_reports_file_and_line(self, tyreso, tmp_path, capsys):
        broken = tmp_path / "tweets.js"
        broken.write_text(
            'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1", ', encoding="utf-8"
        )
        assert run_import("tyreso-facebook", str(broken), "--format", "x") == 1
        assert f"{broken}:1:" in capsys.readouterr().err
