"""Feeding the archive writers from the database: `civicdesk export` (A1, A4; contract.md).

Everything is read through ``.iterator(chunk_size=…)`` and turned into the plain dataclasses of
``records/archive/types.py`` one row at a time, so memory stays flat however many items an
organisation keeps. The structure, for every format:

- **Case** (saksmappe, ärende, dossier) = one channel and one calendar year (local time of the
  organisation): "Tyresö kommun på Facebook 2026". Its ``sequence`` is the channel's id, so the
  case number (``2026/7``) is stable from one export to the next. Diary entries that belong to no
  item (snapshots, the register) go into one case per year with sequence 0.
- **Record** (journalpost, record, archiefstuk) = one item: its current text and original
  platform payload, earlier versions (``version-N.txt``/``.json``) and the replies sent
  (``reply-N.txt``, signature included) as attachments; its diary number, year and sequence when
  registered; the confidential flag and legal ground of its diary entry, which the public
  journal masks.
- **noark5** holds the diary entries only: a ``journalpost`` needs a ``journalsekvensnummer``
  (mandatory in v5.0) and in Norway the content decides what is journaled, so public comments kept
  in order (I3) are not journal posts. ``eark``, ``mdto`` and ``json`` hold every item kept; an
  item without a diary number has sequence 0 there (it was never registered; nothing is
  invented). Culled items (A2) are left out everywhere: their disposal decisions are logged.
- **Changes** (Noark endringslogg) = the field changes recorded on those items (ItemChange).
- **Manifest**: ``chain_head`` is the tamper-evident log's head read before anything else, so
  every registration the package holds is covered by it (later ones may be too).
"""

from __future__ import annotations

import io
import json
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import chain, groupby
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.utils import timezone

from civicdesk.core.exceptions import InvalidInput, NotFound
from civicdesk.inbox.models import Item, ItemChange, Kind, RecordStatus, Reply
from civicdesk.organisations.models import Organisation
from civicdesk.records import log
from civicdesk.records.archive.package import PackageResult
from civicdesk.records.archive.types import (
    ArchiveExport,
    ArchiveOrganisation,
    Case,
    ChangeEvent,
    Direction,
    Document,
    RecordEntry,
)
from civicdesk.records.archive.writers import WRITERS, write_package
from civicdesk.records.models import DiaryEntry
from civicdesk.records.warc_export import write_warc_package

CHUNK = 500
NS = uuid.UUID("5d0f3b8e-8c4a-4c55-9a61-2f6c8a0e7d13")
EXPORTED = "archive.exported"
FORMATS = (*WRITERS, "warc")


def stable_id(*parts: object) -> uuid.UUID:
    """The same object gets the same systemID in every export."""
    return uuid.uuid5(NS, "/".join(str(p) for p in parts))


@dataclass(frozen=True)
class Period:
    start: date | None = None
    end: date | None = None

    def bounds(self, tz: ZoneInfo) -> tuple[datetime | None, datetime | None]:
        """[start 00:00, day after end 00:00) in the organisation's time zone."""
        low = datetime.combine(self.start, time.min, tz) if self.start else None
        high = datetime.combine(self.end + timedelta(days=1), time.min, tz) if self.end else None
        return low, high


def parse_period(start: str | None, end: str | None) -> Period:
    def parse(value: str | None, name: str) -> date | None:
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(
                f"--{name}: {value!r} is not a date (YYYY-MM-DD)", field=name
            ) from None

    period = Period(parse(start, "from"), parse(end, "to"))
    if period.start and period.end and period.start > period.end:
        raise InvalidInput("--from is after --to", field="from")
    return period


def _in_period(queryset, field: str, period: Period, tz: ZoneInfo):
    low, high = period.bounds(tz)
    if low:
        queryset = queryset.filter(**{f"{field}__gte": low})
    if high:
        queryset = queryset.filter(**{f"{field}__lt": high})
    return queryset


def _blob(data: str) -> callable:
    encoded = data.encode("utf-8", "replace")
    return lambda: io.BytesIO(encoded)


def _attachments(item: Item) -> Iterator[Document]:
    versions = sorted(item.versions.all(), key=lambda v: v.version)
    for version in versions[:-1]:
        yield Document(
            filename=f"version-{version.version}.txt",
            mime_type="text/plain",
            system_id=stable_id("version-text", version.pk),
            title=f"Version {version.version}",
            open=_blob(version.text),
            created=version.received_at,
        )
        yield Document(
            filename=f"version-{version.version}.json",
            mime_type="application/json",
            system_id=stable_id("version-payload", version.pk),
            title=f"Version {version.version}, platform payload",
            open=_blob(json.dumps(version.payload, ensure_ascii=False)),
            created=version.received_at,
        )
    for number, reply in enumerate(item.replies.all(), start=1):
        yield Document(
            filename=f"reply-{number}.txt",
            mime_type="text/plain",
            system_id=stable_id("reply", reply.pk),
            title=f"Reply {number} ({reply.get_state_display()})",
            open=_blob(reply.full_text),
            created=reply.created_at,
        )


def _payload(item: Item) -> str:
    versions = item.versions.all()
    latest = max(versions, key=lambda v: v.version, default=None)
    return json.dumps(latest.payload, ensure_ascii=False) if latest else ""


class _Feeder:
    def __init__(self, organisation: Organisation, period: Period, registered_only: bool):
        self.organisation = organisation
        self.period = period
        self.registered_only = registered_only
        self.tz = ZoneInfo(organisation.timezone)
        records = organisation.policy.get("records", {})
        self.culling = records.get("cull_minor_after_days", 0) > 0

    def year(self, at: datetime) -> int:
        return at.astimezone(self.tz).year

    # -- items -------------------------------------------------------------------------------

    def _items(self):
        items = Item.objects.filter(organisation=self.organisation).exclude(
            record_status=RecordStatus.CULLED
        )
        if self.registered_only:
            items = items.exclude(diary_number="")
        return _in_period(items, "received_at", self.period, self.tz)

    def _records(self) -> Iterator[tuple[Item, DiaryEntry | None]]:
        replies = Reply.objects.order_by("created_at", "pk")
        entries = DiaryEntry.objects.select_related("registered_by").order_by(
            "year", "sequence", "document"
        )
        items = (
            self._items()
            .select_related("channel", "channel__owning_unit")
            .prefetch_related(
                "versions",
                Prefetch("replies", queryset=replies),
                Prefetch("diary_entries", queryset=entries),
            )
        )
        if self.registered_only:  # diary order inside each case
            items = items.order_by(
                "channel_id", "diary_entries__year", "diary_entries__sequence", "pk"
            )
        else:  # chronological order (I3)
            items = items.order_by("channel_id", "received_at", "pk")
        for item in items.iterator(chunk_size=CHUNK):
            diary = item.diary_entries.all()
            yield item, (diary[0] if diary else None)

    def record(self, item: Item, entry: DiaryEntry | None) -> RecordEntry:
        outgoing = item.kind == Kind.POST
        author = item.author_name or item.author_handle or item.author_id
        minor = entry is None and item.visibility == "public"
        return RecordEntry(
            system_id=stable_id(self.organisation.slug, "item", item.pk),
            journal_year=entry.year if entry else self.year(item.received_at),
            sequence=entry.sequence if entry else 0,
            diary_number=entry.number if entry else "",
            title=entry.title if entry else self._title(item),
            created=entry.registered_at if entry else item.received_at,
            received=item.created_at,
            direction=Direction.OUTGOING if outgoing else Direction.INCOMING,
            sender="" if outgoing else author,
            recipient=author if outgoing else "",
            confidential=bool(entry and entry.confidential),
            legal_ground=entry.legal_ground if entry else "",
            text=item.text,
            payload=_payload(item),
            channel=item.channel.slug,
            url=item.url,
            registered_by=(
                entry.registered_by.get_username() if entry and entry.registered_by else "Civicdesk"
            ),
            permanent=not (minor and self.culling),
            attachments=_attachments(item),
        )

    @staticmethod
    def _title(item: Item) -> str:
        return f"{item.get_kind_display()} via {item.channel.name}, {item.created_at:%Y-%m-%d}"

    def _channel_cases(self) -> Iterator[Case]:
        def key(pair):
            item, entry = pair
            if self.registered_only and entry is not None:
                return item.channel_id, entry.year
            return item.channel_id, self.year(item.received_at)

        for (_, year), group in groupby(self._records(), key=key):
            first_item, first_entry = next(group)
            channel = first_item.channel
            current = year == self.year(timezone.now()) and channel.status != "closed"

            pairs = chain([(first_item, first_entry)], group)  # noqa: B031 - consumed once
            yield Case(
                system_id=stable_id(self.organisation.slug, "case", channel.slug, year),
                title=f"{channel.name} ({channel.get_platform_display()}) {year}",
                year=year,
                sequence=channel.pk,
                created=first_entry.registered_at if first_entry else first_item.received_at,
                status="open" if current else "closed",
                unit=channel.owning_unit.name,
                entries=(self.record(item, entry) for item, entry in pairs),
            )

    # -- diary entries without an item (snapshots, the register) --------------------------------

    def _other_cases(self) -> Iterator[Case]:
        entries = _in_period(
            DiaryEntry.objects.filter(organisation=self.organisation, item__isnull=True),
            "registered_at",
            self.period,
            self.tz,
        ).select_related("registered_by")
        ordered = entries.order_by("year", "sequence", "document").iterator(chunk_size=CHUNK)
        for year, group in groupby(ordered, key=lambda e: e.year):
            first = next(group)

            rows = chain([first], group)  # noqa: B031 - consumed once, by the writer
            yield Case(
                system_id=stable_id(self.organisation.slug, "case", "other", year),
                title=f"{self.organisation.name}: other registrations {year}",
                year=year,
                sequence=0,
                created=first.registered_at,
                status="open" if year == self.year(timezone.now()) else "closed",
                entries=(self._entry_record(entry) for entry in rows),
            )

    def _entry_record(self, entry: DiaryEntry) -> RecordEntry:
        return RecordEntry(
            system_id=stable_id(self.organisation.slug, "diary", entry.pk),
            journal_year=entry.year,
            sequence=entry.sequence,
            diary_number=entry.number,
            title=entry.title,
            created=entry.registered_at,
            direction=Direction.INTERNAL,
            sender=entry.sender,
            confidential=entry.confidential,
            legal_ground=entry.legal_ground,
            text=entry.title,
            registered_by=entry.registered_by.get_username()
            if entry.registered_by
            else "Civicdesk",
        )

    def cases(self) -> Iterator[Case]:
        yield from self._channel_cases()
        yield from self._other_cases()

    def changes(self) -> Iterator[ChangeEvent]:
        items = self._items().values("pk")
        changes = (
            ItemChange.objects.filter(item__in=items)
            .select_related("actor")
            .order_by("at", "pk")
            .iterator(chunk_size=CHUNK)
        )
        for change in changes:
            yield ChangeEvent(
                target=stable_id(self.organisation.slug, "item", change.item_id),
                field_name=change.field,
                changed=change.at,
                changed_by=change.actor.get_username() if change.actor else "Civicdesk",
                old_value=change.old,
                new_value=change.new,
            )


def archive_organisation(organisation: Organisation) -> ArchiveOrganisation:
    identifier = str(organisation.policy.get("organisation", {}).get("identifier", "") or "")
    return ArchiveOrganisation(
        name=organisation.name,
        slug=organisation.slug,
        country=organisation.country,
        diary_number_format=organisation.diary_number_format,
        identifier=identifier,
        system_id=stable_id("organisation", organisation.slug),
    )


def build_export(
    organisation: Organisation, package_format: str, period: Period = Period()
) -> ArchiveExport:
    """The lazy description of one export; nothing is read until a writer consumes it."""
    chain_head = str(log.head())  # first: everything read afterwards is covered by it
    feeder = _Feeder(organisation, period, registered_only=package_format == "noark5")
    return ArchiveExport(
        organisation=archive_organisation(organisation),
        cases=feeder.cases(),
        changes=feeder.changes(),
        chain_head=chain_head,
        created=timezone.now(),
        period_start=period.start,
        period_end=period.end,
    )


def export_organisation(
    package_format: str,
    org_slug: str,
    out_dir: Path | str,
    *,
    start: str | None = None,
    end: str | None = None,
    standards: Path | None = None,
) -> PackageResult:
    """Write one package for one organisation; on failure, leave no half-written package behind.

    Raises ``InvalidInput`` (bad format, date or folder; nothing to export) or ``NotFound``.
    """
    if package_format not in FORMATS:
        raise InvalidInput(
            f"unknown format {package_format!r}: choose one of {', '.join(FORMATS)}",
            field="format",
        )
    period = parse_period(start, end)
    organisation = Organisation.objects.filter(slug=org_slug).first()
    if organisation is None:
        raise NotFound(f"no organisation {org_slug!r}", field="org")
    out = Path(out_dir)
    existed = out.exists()
    if existed and (not out.is_dir() or any(out.iterdir())):
        raise InvalidInput(f"{out}: the output folder must be new or empty", field="out")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".civicdesk-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise InvalidInput(f"{out}: cannot write there ({error.strerror})", field="out") from None
    if package_format == "warc":
        try:
            manifest = write_warc_package(organisation, out, period)
        except BaseException:
            _discard(out, existed)
            raise
        log.append(
            EXPORTED,
            f"package:{out.name}",
            {"format": "warc", "files": len(manifest["files"])},
            organisation=organisation,
        )
        return manifest
    try:
        result = write_package(
            package_format, build_export(organisation, package_format, period), out, standards
        )
    except BaseException:
        _discard(out, existed)
        raise
    log.append(
        EXPORTED,
        f"package:{result.root.name}",
        {
            "format": package_format,
            "manifest_sha256": result.manifest.sha256,
            "covers": result.coverage.as_dict(),
            "period": [
                period.start and period.start.isoformat(),
                period.end and period.end.isoformat(),
            ],
        },
        organisation=organisation,
    )
    return result


def _discard(out: Path, existed: bool) -> None:
    if not existed:
        shutil.rmtree(out, ignore_errors=True)
        return
    for child in out.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
