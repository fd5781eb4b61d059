"""What an archive export contains: plain dataclasses, fed from the records models by iterators.

Every collection is an ``Iterable`` and every writer consumes it exactly once, so a caller can
pass generators over a database cursor and memory stays flat however many entries there are
(A1: everything kept is exportable). Nothing here touches Django.

Shape::

    ArchiveExport
    ├── organisation: ArchiveOrganisation
    ├── cases: Iterable[Case]            one case (ärende, sak, dossier) per folder
    │   └── entries: Iterable[RecordEntry]   diary (journal) entries, in diary order (A4)
    │       └── attachments: Iterable[Document]
    └── changes: Iterable[ChangeEvent]   the change log (Noark endringslogg)

Entries that belong to no case are grouped by the caller into a case of their own (for example
one per channel and year): Noark 5 and CITS ERMS both file records inside folders.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO


class Direction(enum.StrEnum):
    """Which way a record went (Noark journalposttype, ERMS directionDefinition)."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    INTERNAL = "internal"


@dataclass(frozen=True)
class ArchiveOrganisation:
    """The records creator (arkivskaper, archival creator, archiefvormer)."""

    name: str
    slug: str
    country: str  # ISO 3166-1 alpha-2: "SE", "NO", "NL"
    diary_number_format: str  # the pack's format, e.g. "KS {year}/{seq}" or "{yy}/{case}-{doc}"
    identifier: str = ""  # organisation number, OIN, etc.; the slug when empty
    system_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def code(self) -> str:
        return self.identifier or self.slug


@dataclass(frozen=True)
class Document:
    """One file kept with a record. Give either ``path`` or ``open`` (a zero-argument callable
    returning a binary stream); the writers copy it in chunks and compute its SHA-256 while
    copying, never reading it whole."""

    filename: str
    mime_type: str
    system_id: uuid.UUID = field(default_factory=uuid.uuid4)
    title: str = ""
    path: Path | None = None
    open: Callable[[], BinaryIO] | None = None
    created: datetime | None = None

    def __post_init__(self) -> None:
        if (self.path is None) == (self.open is None):
            raise ValueError(f"document {self.filename!r}: give exactly one of path or open")

    def stream(self) -> BinaryIO:
        if self.path is not None:
            return self.path.open("rb")
        assert self.open is not None
        return self.open()


@dataclass(frozen=True)
class RecordEntry:
    """A diary (journal) entry: a registered item, private message, removed post or snapshot.

    ``text`` and ``payload`` (the original platform JSON, already serialised) become documents of
    their own in every package, next to ``attachments``. ``confidential`` entries carry the legal
    ground (``legal_ground``, e.g. "OSL 21:1" or "Offl. § 13"); public views mask them (A4)."""

    system_id: uuid.UUID
    journal_year: int
    sequence: int  # gap-free per series and year (A4)
    diary_number: str  # as the organisation writes it: "KS 2026/17", "26/1234-1"
    title: str
    created: datetime  # registered
    received: datetime | None = None  # received or sent on the platform
    direction: Direction = Direction.INCOMING
    sender: str = ""
    recipient: str = ""
    confidential: bool = False
    legal_ground: str = ""
    public_title: str = ""  # the title with confidential words masked; derived when empty
    text: str = ""
    payload: str = ""  # original platform payload, JSON text
    channel: str = ""
    url: str = ""
    registered_by: str = "Civicdesk"
    permanent: bool = True  # False: may be culled after its retention period (A2)
    attachments: Iterable[Document] = ()


@dataclass(frozen=True)
class Case:
    """A case folder (sak, ärende, dossier). ``entries`` is consumed once, in diary order."""

    system_id: uuid.UUID
    title: str
    year: int
    sequence: int
    created: datetime
    status: str = "open"  # "open" or "closed"
    closed: datetime | None = None
    unit: str = ""  # administrative unit
    officer: str = ""  # case officer (saksansvarlig, handläggare)
    created_by: str = "Civicdesk"
    entries: Iterable[RecordEntry] = ()

    @property
    def case_number(self) -> str:
        return f"{self.year}/{self.sequence}"


@dataclass(frozen=True)
class ChangeEvent:
    """One change to a record's metadata, from the tamper-evident log (Noark endringslogg)."""

    target: uuid.UUID  # systemID of the case, entry or document changed
    field_name: str
    changed: datetime
    changed_by: str
    old_value: str
    new_value: str


@dataclass(frozen=True)
class ArchiveExport:
    """What one export covers. ``chain_head`` is the head hash of the tamper-evident log at the
    moment of export; every manifest states it so a later reader can tie the package to the log."""

    organisation: ArchiveOrganisation
    cases: Iterable[Case]
    chain_head: str
    created: datetime
    changes: Iterable[ChangeEvent] = ()
    period_start: date | None = None
    period_end: date | None = None
    system_id: uuid.UUID = field(default_factory=uuid.uuid4)
    software: str = "Civicdesk"
    software_version: str = "0.1.0"
    title: str = ""

    @property
    def archive_title(self) -> str:
        return self.title or f"{self.organisation.name}: official social media"
