"""Generated exports for tests and the benchmark: realistic shapes, no database.

``sample_export(n)`` yields ``n`` diary entries spread over cases, lazily, so the benchmark can
ask for a million without building them. Every tenth entry is confidential, every seventh has an
attachment, and ``hostile=True`` puts XML-illegal control characters, ``]]>``, emoji and
right-to-left marks into titles and text.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from civicdesk.records.archive.types import (
    ArchiveExport,
    ArchiveOrganisation,
    Case,
    ChangeEvent,
    Direction,
    Document,
    RecordEntry,
)

HOSTILE = "bad\x00\x01\x08\x0b\x1f\ufffe ]]> <tag> & \u202eRTL\u202c \u200f 😀 مرحبا \udc80"
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

TYRESO = ArchiveOrganisation(
    name="Tyresö kommun",
    slug="tyreso",
    country="SE",
    diary_number_format="KS {year}/{seq}",
    identifier="212000-0142",
    system_id=uuid.UUID("6f1f0a52-3c35-4d35-9a3e-6a3b1f9d1c01"),
)

_NS = uuid.UUID("0b7ad0de-52a4-4a53-9a8c-3e2b0d7a7c55")


def _id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(_NS, "/".join(map(str, parts)))


def _entries(case_no: int, first: int, count: int, hostile: bool) -> Iterator[RecordEntry]:
    for offset in range(count):
        n = first + offset
        created = START + timedelta(minutes=7 * n)
        direction = (Direction.INCOMING, Direction.OUTGOING, Direction.INTERNAL)[n % 3]
        text = f"Hej! Fråga nummer {n} om återvinningscentralen."
        title = f"Kommentar {n} på Facebook"
        if hostile:
            text = f"{text} {HOSTILE}"
            title = f"{title} {HOSTILE}"
        attachments = ()
        if n % 7 == 0:
            image = f"image-{n}".encode() * 20
            attachments = (
                Document(
                    filename=f"bild {n}.jpg",
                    mime_type="image/jpeg",
                    system_id=_id("doc", n),
                    title=f"Bild {n}",
                    open=lambda image=image: io.BytesIO(image),
                    created=created,
                ),
            )
        yield RecordEntry(
            system_id=_id("entry", n),
            journal_year=created.year,
            sequence=n,
            diary_number=f"KS {created.year}/{n}",
            title=title,
            created=created,
            received=created - timedelta(minutes=3),
            direction=direction,
            sender=f"Invånare {n}" if direction is Direction.INCOMING else "",
            recipient=f"Invånare {n}" if direction is Direction.OUTGOING else "",
            confidential=n % 10 == 0,
            legal_ground="OSL 21:1" if n % 10 == 0 else "",
            public_title="Skyddad uppgift" if n % 10 == 0 else "",
            text=text,
            payload=json.dumps({"id": f"{n}_1", "message": text}, ensure_ascii=False),
            channel="tyreso-facebook",
            url=f"https://www.facebook.com/tyreso/posts/{n}",
            attachments=attachments,
        )


def sample_cases(entries: int, per_case: int = 50, hostile: bool = False) -> Iterator[Case]:
    for case_no, first in enumerate(range(1, entries + 1, per_case), start=1):
        count = min(per_case, entries - first + 1)
        yield Case(
            system_id=_id("case", case_no),
            title=f"Sociala medier, Facebook, del {case_no}" + (f" {HOSTILE}" if hostile else ""),
            year=2026,
            sequence=case_no,
            created=START + timedelta(minutes=7 * first),
            status="closed" if case_no % 2 else "open",
            unit="Kommunikationsenheten",
            officer="Registrator",
            entries=_entries(case_no, first, count, hostile),
        )


def sample_changes(count: int) -> Iterator[ChangeEvent]:
    for n in range(1, count + 1):
        yield ChangeEvent(
            target=_id("entry", n),
            field_name="tittel",
            changed=START + timedelta(days=1, minutes=n),
            changed_by="registrator",
            old_value=f"Kommentar {n}",
            new_value=f"Kommentar {n} på Facebook",
        )


def sample_export(entries: int, per_case: int = 50, hostile: bool = False) -> ArchiveExport:
    return ArchiveExport(
        organisation=TYRESO,
        cases=sample_cases(entries, per_case, hostile),
        changes=sample_changes(min(entries, 25)),
        chain_head="sha256:" + "ab" * 32,
        created=datetime(2026, 7, 1, 12, 0, tzinfo=UTC),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        system_id=_id("export", entries, hostile),
    )
