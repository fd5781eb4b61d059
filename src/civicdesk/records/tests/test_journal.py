"""The public journal masks confidential entries: number, date and legal ground only."""

from datetime import UTC, datetime

from civicdesk.records.diary import register
from civicdesk.records.journal import public_journal

AT = datetime(2026, 6, 18, 12, 0, tzinfo=UTC)


class TestPublicJournal:
    def test_confidential_entries_show_only_number_date_and_legal_ground(self, tyreso):
        register(tyreso, title="Fråga om bygglov", reason="case_matter", sender="Anna A", at=AT)
        register(
            tyreso,
            title="Meddelande med personnummer 19800101-1234",
            reason="confidential",
            sender="Erik E",
            confidential=True,
            legal_ground="21 kap. 7 § OSL",
            at=AT,
        )
        open_row, masked = public_journal(tyreso)
        assert open_row["title"] == "Fråga om bygglov" and open_row["sender"] == "Anna A"
        assert masked == {
            "number": "KS 2026/2",
            "date": "2026-06-18",
            "confidential": True,
            "legal_ground": "21 kap. 7 § OSL",
        }
        assert "19800101" not in str(list(public_journal(tyreso)))

    def test_only_the_organisations_own_entries_and_year(self, tyreso, bo):
        register(bo, title="Bø", reason="other", at=AT)
        register(tyreso, title="T", reason="other", at=AT.replace(year=2025))
        assert [r["title"] for r in public_journal(tyreso, year=2026)] == []
        assert [r["title"] for r in public_journal(tyreso)] == ["T"]
