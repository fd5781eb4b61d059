"""Registering records in the diary with gap-free numbers (A4).

A number is taken by locking the series' counter row for the rest of the transaction, so two
workers registering at the same moment get consecutive numbers, never the same one, and a rolled
back registration gives its number back (no gaps).
"""

from django.db import transaction
from django.utils import timezone

from civicdesk.organisations.models import Organisation
from civicdesk.records import log
from civicdesk.records.models import DiaryCounter, DiaryEntry

REGISTERED = "diary.registered"


def format_number(template: str, *, year: int, sequence: int, document: int, series: str) -> str:
    return template.format(
        year=year, yy=f"{year % 100:02d}", seq=sequence, doc=document, series=series
    )


def reserve_sequences(organisation: Organisation, series: str, year: int, count: int) -> range:
    """Take `count` consecutive numbers of a series and year; call inside a transaction."""
    counter, _ = DiaryCounter.objects.get_or_create(
        organisation=organisation, series=series, year=year
    )
    counter = DiaryCounter.objects.select_for_update().get(pk=counter.pk)
    first = counter.last_sequence + 1
    counter.last_sequence += count
    counter.save(update_fields=["last_sequence"])
    return range(first, first + count)


def series_of(organisation: Organisation) -> str:
    return organisation.policy.get("records", {}).get("diary_series", "")


def entry_year(at) -> int:
    return timezone.localtime(at).year


def _next_sequence(organisation: Organisation, series: str, year: int) -> int:
    return reserve_sequences(organisation, series, year, 1)[0]


def register(
    organisation: Organisation,
    *,
    title: str,
    reason: str,
    item=None,
    actor=None,
    sender: str = "",
    confidential: bool = False,
    legal_ground: str = "",
    at=None,
) -> DiaryEntry:
    """Create a numbered diary entry in the organisation's series for the current year."""
    at = at or timezone.now()
    series = series_of(organisation)
    year = entry_year(at)
    with transaction.atomic():
        sequence = _next_sequence(organisation, series, year)
        number = format_number(
            organisation.diary_number_format,
            year=year,
            sequence=sequence,
            document=1,
            series=series,
        )
        entry = DiaryEntry.objects.create(
            organisation=organisation,
            series=series,
            year=year,
            sequence=sequence,
            number=number,
            title=title[:500],
            reason=reason,
            registered_at=at,
            registered_by=actor,
            sender=sender[:300],
            confidential=confidential,
            legal_ground=legal_ground[:300],
            item=item,
        )
        log.append_many([registration_event(entry)])
        return entry


def registration_event(entry: DiaryEntry) -> log.Event:
    """What the log keeps of a registration: everything that identifies the entry."""
    return log.Event(
        REGISTERED,
        f"diary:{entry.pk}",
        {
            "number": entry.number,
            "series": entry.series,
            "year": entry.year,
            "sequence": entry.sequence,
            "document": entry.document,
            "title": entry.title,
            "reason": entry.reason,
            "registered_at": log.canonical_time(entry.registered_at),
            "registered_by": entry.registered_by_id,
            "sender": entry.sender,
            "confidential": entry.confidential,
            "legal_ground": entry.legal_ground,
            "item": entry.item_id,
        },
        entry.organisation_id,
    )


def save_registrations(entries: list[DiaryEntry]) -> list[DiaryEntry]:
    """Insert numbered entries (from ``reserve_sequences``) and log them: the bulk path.

    A chunk of thousands costs one insert per 500 entries plus one log append (one lock, one
    bulk insert, one head update). Call inside the transaction that reserved the numbers.
    """
    with transaction.atomic():
        created = DiaryEntry.objects.bulk_create(entries, batch_size=500)
        log.append_many(registration_event(entry) for entry in created)
    return created
