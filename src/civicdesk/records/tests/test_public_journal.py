"""`/o/{org}/journal.json`: the public journal, confidential entries masked, no login."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.tests.conftest import item

pytestmark = pytest.mark.django_db


def test_public_journal_masks_confidential_entries(tyreso, monkeypatch):
    moment = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    monkeypatch.setattr("civicdesk.inbox.ingest.timezone.now", lambda: moment)
    list(
        ingest(
            [
                item("dm", kind="message", visibility="private", text="Hej, en fråga om bygglov."),
                item("pnr", text="Mitt personnummer är 121212-1212, hjälp mig!"),
            ]
        )
    )
    response = Client().get("/o/tyreso/journal.json")
    data = json.loads(b"".join(response.streaming_content))
    entries = {e["number"]: e for e in data["entries"]}
    assert set(entries) == {"KS 2026/1", "KS 2026/2"}
    confidential = next(e for e in entries.values() if e["confidential"])
    assert set(confidential) == {"number", "date", "confidential", "legal_ground"}
    assert "121212" not in json.dumps(data)
    assert "Anna Andersson" in json.dumps(data)  # the open entry's sender is public


def test_unknown_org_and_bad_year_are_404(tyreso):
    assert Client().get("/o/nowhere/journal.json").status_code == 404
    assert Client().get("/o/tyreso/journal.json?year=20x6").status_code == 404


def test_public_journal_page_masks_and_escapes(tyreso, monkeypatch):
    moment = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    monkeypatch.setattr("civicdesk.inbox.ingest.timezone.now", lambda: moment)
    list(
        ingest(
            [
                item(
                    "dm",
                    kind="message",
                    visibility="private",
                    text="Fråga",
                    author={"id": "1", "name": "<b>Eve</b>", "handle": None},
                ),
                item("pnr", text="Mitt personnummer är 121212-1212, hjälp mig!"),
            ]
        )
    )
    page = Client().get("/o/tyreso/journal/").content.decode()
    assert "KS 2026/2" in page and "KS 2026/1" in page
    assert page.index("KS 2026/2") < page.index("KS 2026/1")  # newest first
    assert "&lt;b&gt;Eve&lt;/b&gt;" in page and "<b>Eve</b>" not in page
    assert "offentlighets- och sekretesslagen" in page
    assert "121212" not in page
