"""Triage outcomes that follow the packs' rules: deadlines, registration, routing (I1–I7)."""

from datetime import datetime

import pytest

from civicdesk.conftest import load_seed
from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.results import triage_result
from civicdesk.inbox.tests.conftest import STOCKHOLM, item
from civicdesk.records.models import DiaryEntry

pytestmark = pytest.mark.django_db


def result_of(raw):
    (outcome,) = list(ingest([raw]))
    assert outcome.error is None, outcome.error
    return triage_result(outcome.item)


class TestDeadline:
    def test_christmas_eve_in_sweden_is_due_after_the_holidays(self, tyreso, frozen_receipt):
        frozen_receipt(datetime(2026, 12, 24, 10, 0, tzinfo=STOCKHOLM))
        result = result_of(item(created_at="2026-12-24T10:00:00+01:00"))
        # 24 Dec (eve), 25 Christmas, 26 Boxing Day/Saturday, 27 Sunday → Monday 28 Dec.
        assert result["due_at"] == "2026-12-28T17:00:00+01:00"

    def test_midsummer_eve_is_skipped(self, tyreso, frozen_receipt):
        # Received on Midsummer Eve itself (Friday 19 June 2026): due on Monday.
        frozen_receipt(datetime(2026, 6, 19, 9, 0, tzinfo=STOCKHOLM))
        result = result_of(item("midsummer"))
        assert result["due_at"] == "2026-06-22T17:00:00+02:00"

    def test_praise_without_a_praise_reply_has_no_deadline(self, bo, frozen_receipt):
        result = result_of(
            item(
                channel="bo-facebook", text="Tusen takk for ein flott dag i parken!", language="nn"
            )
        )
        assert result["category"] == "praise"
        assert result["due_at"] is None


class TestRegistration:
    def test_private_message_is_registered_on_receipt(self, tyreso, frozen_receipt):
        frozen_receipt(datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM))
        result = result_of(
            item(
                "dm1",
                kind="message",
                visibility="private",
                text="Hej, jag vill fråga om min ansökan om bygglov.",
            )
        )
        assert result["record"] == {"diary_number": "KS 2026/1", "status": "registered"}
        entry = DiaryEntry.objects.get()
        assert entry.reason == DiaryEntry.Reason.PRIVATE_MESSAGE

    def test_comment_with_personnummer_is_hidden_and_registered(self, tyreso, frozen_receipt):
        frozen_receipt(datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM))
        text = "Min son har personnummer 121212-1212, kan ni kolla hans plats?"
        result = result_of(item("pnr", text=text))
        assert result["moderation"]["action"] == "hide"
        reason = next(
            r for r in result["moderation"]["reasons"] if r["code"] == "personal_id_number"
        )
        assert text[reason["start"] : reason["end"]] == "121212-1212"
        assert result["record"]["status"] == "registered"
        assert result["route"]["action"] == "remove"
        entry = DiaryEntry.objects.get()
        assert entry.confidential and "sekretess" in entry.legal_ground

    def test_diary_numbers_are_consecutive(self, tyreso, frozen_receipt):
        frozen_receipt(datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM))
        numbers = [
            result_of(item(f"dm{i}", kind="message", visibility="private", text="Hej"))["record"][
                "diary_number"
            ]
            for i in range(3)
        ]
        assert numbers == ["KS 2026/1", "KS 2026/2", "KS 2026/3"]

    def test_bo_uses_its_own_number_format(self, frozen_receipt):
        organisation = load_seed("bo.toml")
        frozen_receipt(datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM))
        result = result_of(
            item("dm", channel="bo-facebook", kind="message", visibility="private", text="Hei")
        )
        assert organisation.diary_number_format == "{yy}/{seq}-{doc}"
        assert result["record"]["diary_number"] == "26/1-1"


class TestRouting:
    def test_political_question_is_referred(self, tyreso):
        result = result_of(
            item(
                "pol", text="Varför röstade Moderaterna i kommunfullmäktige emot den nya simhallen?"
            )
        )
        assert result["category"] == "political"
        assert result["route"]["action"] == "refer"

    def test_klim_op_does_not_answer_negative_discussions(self, frozen_receipt):
        load_seed("klim-op.toml")
        result = result_of(
            item(
                "neg",
                channel="klim-op-facebook",
                language="nl",
                text="Dit is echt schandalig. Wat een puinhoop.",
            )
        )
        assert result["category"] == "negative"
        assert result["route"]["action"] == "no_reply"
        assert result["due_at"] is None
