"""One call from text to category, route and deadline, as the contract's triage result needs."""

from datetime import datetime

from civicdesk.inbox.triage import Triager

TYRESO_INBOX = {
    "reply_working_days": 1,
    "closing_time": "17:00",
    "negative_discussions": "no_reply",
    "political_reply": "Politiska frågor besvaras av partierna.",
    "default_unit": "tyreso-kundtjanst",
    "routes": [
        {"unit": "tyreso-samhallsbyggnad", "keywords": ["återvinningscentral", "sophämtning"]},
    ],
}


def tyreso():
    return Triager(TYRESO_INBOX, country="SE", timezone="Europe/Stockholm", languages=["sv"])


RECEIVED = datetime.fromisoformat("2026-06-18T14:05:00+02:00")


class TestContractExample:
    def test_question_is_answered_by_the_routed_unit_before_the_deadline(self):
        result = tyreso()(
            "Hej! När öppnar återvinningscentralen i helgen?",
            received_at=RECEIVED,
            channel_unit="tyreso-samhallsbyggnad",
        )
        assert result.category == "question"
        assert (result.route.unit, result.route.action) == ("tyreso-samhallsbyggnad", "answer")
        assert result.due_at.isoformat() == "2026-06-22T17:00:00+02:00"

    def test_same_question_on_the_central_channel_is_forwarded(self):
        result = tyreso()(
            "Hej! När öppnar återvinningscentralen i helgen?",
            received_at=RECEIVED,
            channel_unit="tyreso-kommunikation",
        )
        assert result.route.action == "forward"
        assert result.due_at is not None


class TestNoReplyMeansNoDeadline:
    def test_negative_discussion_has_no_deadline(self):
        result = tyreso()("Helt oacceptabelt och typiskt kommunen.", received_at=RECEIVED)
        assert (result.category, result.route.action, result.due_at) == (
            "negative",
            "no_reply",
            None,
        )

    def test_removed_item_has_no_deadline(self):
        verdict = {"action": "hide", "reasons": [{"code": "personal_id_number"}]}
        result = tyreso()("Mitt nummer är 19850101-1234", received_at=RECEIVED, moderation=verdict)
        assert (result.category, result.route.action, result.due_at) == (
            "confidential",
            "remove",
            None,
        )


class TestRepliesThatAreDue:
    def test_political_question_is_referred_with_a_deadline(self):
        result = tyreso()("Varför röstade kommunstyrelsen nej?", received_at=RECEIVED)
        assert (result.category, result.route.action) == ("political", "refer")
        assert result.due_at is not None

    def test_fault_report_is_acknowledged_with_a_deadline(self):
        result = tyreso()("Gatlampan på Ekvägen är trasig", received_at=RECEIVED)
        assert (result.category, result.route.action) == ("fault_report", "acknowledge")
        assert result.due_at.isoformat() == "2026-06-22T17:00:00+02:00"

    def test_pack_working_days_are_used(self):
        inbox = {**TYRESO_INBOX, "reply_working_days": 3}
        triager = Triager(inbox, country="SE", timezone="Europe/Stockholm")
        result = triager("När öppnar biblioteket?", received_at=RECEIVED)
        assert result.due_at.isoformat() == "2026-06-24T17:00:00+02:00"
