from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from civicdesk.conftest import make_staff

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def item(external_id: str = "1_1", text: str = "Hej! När öppnar återvinningscentralen?", **extra):
    data = {
        "channel": "tyreso-facebook",
        "external_id": external_id,
        "kind": "comment",
        "visibility": "public",
        "author": {"id": "5647382910", "name": "Anna Andersson", "handle": None},
        "text": text,
        "created_at": "2026-06-18T14:05:00+02:00",
        "in_reply_to": "1029384756",
        "url": "https://www.facebook.com/tyreso/posts/1",
        "media": [],
        "language": None,
    }
    data.update(extra)
    return data


@pytest.fixture
def tyreso_comms(tyreso):
    return make_staff(tyreso, "t-comms", "communications_chief")


@pytest.fixture
def frozen_receipt(monkeypatch):
    """Make items arrive at a chosen moment (the deadline counts from receipt)."""

    def at(moment: datetime):
        monkeypatch.setattr("civicdesk.inbox.ingest.timezone.now", lambda: moment)

    return at
