"""The tamper-evident log: every record-changing event in one SHA-256 hash chain (A1, A2, A4).

Each entry's hash commits to the previous entry's hash and to its own canonical JSON::

    hash(n) = SHA-256( hash(n-1) || canonical_json({seq, at, event, object, org, payload}) )

so changing, inserting or deleting any row behind the log's back breaks the chain at that row,
and ``verify()`` names it. Appends are serialised on the single ``LogHead`` row
(``select_for_update`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` transactions, see settings,
serialise writers already), so two workers never fork the chain: each reads the head, links to
it and moves it inside one transaction.

The head is only as trustworthy as its last outside copy: whoever can rewrite the whole tail and
the head row can forge a consistent chain. Every export therefore states the chain head it covers
(its manifest's ``chain_head``), and ``verify(anchors=...)`` checks that such a head is still in
the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from civicdesk.records.models import LogEntry, LogHead

GENESIS = "0" * 64
HEAD_ID = 1
PREFIX = "sha256:"
VERIFY_CHUNK = 2000


def canonical_json(value) -> str:
    """One spelling for one value: sorted keys, no spaces, ASCII escapes, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )


def canonical_time(at: datetime) -> str:
    if timezone.is_naive(at):
        raise ValueError("log times must be timezone-aware")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(
    previous_hash: str,
    *,
    sequence: int,
    at: datetime,
    event: str,
    object_ref: str,
    organisation_id: int | None,
    payload: str,
) -> str:
    """The hash of one link. ``payload`` is the stored canonical JSON text."""
    body = canonical_json(
        {
            "at": canonical_time(at),
            "event": event,
            "object": object_ref,
            "org": organisation_id,
            "payload": payload,
            "seq": sequence,
        }
    )
    return hashlib.sha256((previous_hash + body).encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Event:
    """An event to append: ``event`` is a dotted name ("diary.registered"), ``object_ref``
    names what changed ("diary:17", "item:812"), ``payload`` is JSON-serialisable."""

    event: str
    object_ref: str
    payload: dict = field(default_factory=dict)
    organisation_id: int | None = None


def _lock_head() -> LogHead:
    LogHead.objects.get_or_create(pk=HEAD_ID, defaults={"sequence": 0, "hash": GENESIS})
    return LogHead.objects.select_for_update().get(pk=HEAD_ID)


def lock() -> None:
    """Take the log's lock now, for the rest of the transaction: a check made afterwards (is
    this item under a legal hold?) cannot be overtaken by another logged change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("log.lock() must be called inside a transaction")
    _lock_head()


def append_many(events: Iterable[Event], at: datetime | None = None) -> list[LogEntry]:
    """Append events in order, as one transaction: one lock, one bulk insert, one head update.

    Call it inside the transaction that makes the change, so the change and its log entry commit
    or roll back together.
    """
    events = list(events)
    if not events:
        return []
    at = at or timezone.now()
    rows = []
    with transaction.atomic():
        head = _lock_head()
        sequence, previous = head.sequence, head.hash
        for event in events:
            sequence += 1
            payload = canonical_json(event.payload)
            digest = entry_hash(
                previous,
                sequence=sequence,
                at=at,
                event=event.event,
                object_ref=event.object_ref,
                organisation_id=event.organisation_id,
                payload=payload,
            )
            rows.append(
                LogEntry(
                    sequence=sequence,
                    at=at,
                    event=event.event,
                    object_ref=event.object_ref,
                    organisation_id=event.organisation_id,
                    payload=payload,
                    previous_hash=previous,
                    hash=digest,
                )
            )
            previous = digest
        LogEntry.objects.bulk_create(rows, batch_size=500)
        head.sequence, head.hash = sequence, previous
        head.save(update_fields=["sequence", "hash"])
    return rows


def append(
    event: str, object_ref: str, payload: dict | None = None, *, organisation=None, at=None
) -> LogEntry:
    """Append one event; see ``append_many``."""
    organisation_id = getattr(organisation, "pk", organisation)
    return append_many([Event(event, object_ref, payload or {}, organisation_id)], at=at)[0]


@dataclass(frozen=True)
class ChainHead:
    sequence: int
    hash: str

    def __str__(self) -> str:
        return f"{PREFIX}{self.hash}"


def head() -> ChainHead:
    """The last link as committed now (genesis when nothing was logged)."""
    row = LogHead.objects.filter(pk=HEAD_ID).values_list("sequence", "hash").first()
    return ChainHead(*row) if row else ChainHead(0, GENESIS)


@dataclass(frozen=True)
class Broken:
    """The first place the chain does not hold."""

    sequence: int
    reason: str
    pk: int | None = None

    def __str__(self) -> str:
        where = f"entry #{self.sequence}" + (f" (row id {self.pk})" if self.pk else "")
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Verification:
    checked: int
    head: ChainHead
    broken: Broken | None = None
    missing_anchors: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        return self.broken is None and not self.missing_anchors


def _rows() -> Iterator[tuple]:
    return (
        LogEntry.objects.order_by("sequence")
        .values_list(
            "pk",
            "sequence",
            "at",
            "event",
            "object_ref",
            "organisation_id",
            "payload",
            "previous_hash",
            "hash",
        )
        .iterator(chunk_size=VERIFY_CHUNK)
    )


def _normalise_anchor(anchor: str) -> str:
    anchor = anchor.strip().lower()
    return anchor[len(PREFIX) :] if anchor.startswith(PREFIX) else anchor


def verify(anchors: Iterable[str] = ()) -> Verification:
    """Check the chain end to end, streaming, and stop at the first broken entry.

    Catches a row whose content was changed (its hash no longer matches), a row deleted or
    inserted (a gap in the sequence, or a link to the wrong previous hash), and a truncated tail
    (the head row names a later link than the last row). ``anchors`` are chain heads stated
    elsewhere (export manifests): each must still be the hash of some entry.
    """
    wanted = {_normalise_anchor(a) for a in anchors}
    wanted.discard(GENESIS)
    expected_seq, previous, checked = 1, GENESIS, 0
    for pk, seq, at, event, obj, org, payload, prev_hash, digest in _rows():
        if seq != expected_seq:
            missing = (
                f"entry #{expected_seq} is missing (the next one is #{seq})"
                if seq > expected_seq
                else f"sequence #{seq} appears where #{expected_seq} was expected"
            )
            return Verification(checked, head(), Broken(expected_seq, missing, None))
        if prev_hash != previous:
            return Verification(
                checked,
                head(),
                Broken(seq, "does not link to the previous entry's hash", pk),
            )
        computed = entry_hash(
            prev_hash,
            sequence=seq,
            at=at,
            event=event,
            object_ref=obj,
            organisation_id=org,
            payload=payload,
        )
        if computed != digest:
            return Verification(
                checked, head(), Broken(seq, "its content does not match its hash", pk)
            )
        wanted.discard(digest)
        previous, expected_seq, checked = digest, expected_seq + 1, checked + 1
    current = head()
    if current.sequence != checked or current.hash != previous:
        if current.sequence > checked:
            reason = f"the log ends at #{checked} but its head names #{current.sequence}"
            return Verification(checked, current, Broken(checked + 1, reason))
        reason = f"the head names #{current.sequence}, not the last entry #{checked}"
        return Verification(checked, current, Broken(checked, reason))
    return Verification(checked, current, None, tuple(sorted(wanted)))
