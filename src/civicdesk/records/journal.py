"""The public journal: the diary as anyone may see it (A1, A4).

A confidential entry shows only its number, date and legal ground; its title, sender and the
item it registers are withheld. One function serves every caller (a public page, the API, an
export), so nothing can show more than this.
"""

from collections.abc import Iterator

from civicdesk.organisations.models import Organisation
from civicdesk.records.models import DiaryEntry

CHUNK = 500


def public_entry(entry: DiaryEntry) -> dict:
    row = {
        "number": entry.number,
        "date": entry.registered_at.date().isoformat(),
        "confidential": entry.confidential,
    }
    if entry.confidential:
        row["legal_ground"] = entry.legal_ground or "not stated"
        return row
    row.update({"title": entry.title, "reason": entry.reason, "sender": entry.sender})
    return row


def public_journal(
    organisation: Organisation, year: int | None = None, *, newest_first: bool = False
) -> Iterator[dict]:
    """The organisation's diary in number order (or newest first), masked; streamed."""
    entries = DiaryEntry.objects.filter(organisation=organisation)
    if year is not None:
        entries = entries.filter(year=year)
    order = ("year", "series", "sequence", "document")
    ordered = entries.order_by(*(f"-{f}" for f in order) if newest_first else order)
    for entry in ordered.iterator(chunk_size=CHUNK):
        yield public_entry(entry)
