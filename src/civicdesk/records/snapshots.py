"""Snapshots of channels (A3): what the archive holds of a channel at a moment, kept as a
self-contained HTML page and as a WARC file (ISO 28500) with that page, and registered in the
diary. Tyresö takes one every six months and after a large change (1.6, annex 1).

The page is written item by item to disk, so a channel with a million comments costs no more
memory than one with ten. Files live under `CIVICDESK_DATA_DIR/snapshots/`; their SHA-256 is kept
with the snapshot row and the registration is logged in the tamper-evident log.
"""

import hashlib
import html
import io
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from warcio.warcwriter import WARCWriter

from civicdesk.inbox.models import Item, Visibility
from civicdesk.records.archive.checksums import file_checksum
from civicdesk.records.diary import register
from civicdesk.records.models import DiaryEntry, Snapshot
from civicdesk.registry.duecheck import months_before
from civicdesk.registry.models import Channel, ChannelStatus

CHUNK = 1000
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;color:#111}"
    "article{border-bottom:1px solid #ccc;padding:.5rem 0}.meta{color:#555;font-size:.9em}"
    ".removed{background:#fff4e5}"
)


def snapshot_root() -> Path:
    return Path(settings.DATA_DIR) / "snapshots"


def _e(value) -> str:
    return html.escape(str(value or ""), quote=True)


def _write_page(channel: Channel, path: Path, at: datetime) -> tuple[int, str]:
    """Write the channel's page; returns (items written, SHA-256 of the file)."""
    digest = hashlib.sha256()
    count = 0
    organisation = channel.organisation

    def out(text: str) -> None:
        data = text.encode("utf-8")
        digest.update(data)
        handle.write(data)

    items = (
        Item.objects.filter(channel=channel, visibility=Visibility.PUBLIC)
        .exclude(record_status="culled")
        .order_by("created_at", "pk")
    )
    with path.open("wb") as handle:
        out(
            f'<!doctype html><html lang="{_e(organisation.language)}"><head><meta charset="utf-8">'
            f"<title>{_e(channel.name)} — {at:%Y-%m-%d}</title><style>{STYLE}</style></head><body>"
            f'<header><h1>{_e(channel.name)}</h1><p class="meta">{_e(organisation.name)} · '
            f"{_e(channel.get_platform_display())} · {_e(channel.address)} · "
            f"snapshot {at:%Y-%m-%d %H:%M %Z}</p><p>{_e(channel.purpose)}</p>"
            f'<p class="meta">Owning unit: {_e(channel.owning_unit.name)} · status: '
            f"{_e(channel.get_status_display())}</p></header><main>"
        )
        for item in items.iterator(chunk_size=CHUNK):
            count += 1
            removed = item.moderation_action in ("hide", "remove")
            css = ' class="removed"' if removed else ""
            note = (
                f" · {_e(item.moderation_action)} on the platform, kept here as "
                f"{_e(item.diary_number or 'a record')}"
                if removed
                else ""
            )
            out(
                f'<article id="item-{item.pk}"{css}><p class="meta">{_e(item.author_name)} · '
                f"{item.created_at:%Y-%m-%d %H:%M} · {_e(item.get_kind_display())}{note}</p>"
                f"<p>{_e(item.text).replace(chr(10), '<br>')}</p></article>"
            )
        out(f'</main><footer><p class="meta">{count} items.</p></footer></body></html>')
    return count, digest.hexdigest()


def _write_warc(channel: Channel, page: Path, warc: Path, at: datetime) -> str:
    with warc.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        info = writer.create_warcinfo_record(
            warc.name,
            {
                "software": "Civicdesk",
                "format": "WARC File Format 1.1",
                "description": (
                    f"Snapshot of {channel.name} ({channel.address}) as held by Civicdesk"
                ),
            },
        )
        writer.write_record(info)
        with page.open("rb") as body:
            record = writer.create_warc_record(
                channel.address,
                "resource",
                payload=body,
                warc_content_type="text/html; charset=utf-8",
                warc_headers_dict={"WARC-Date": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")},
            )
            writer.write_record(record)
        metadata = writer.create_warc_record(
            channel.address,
            "metadata",
            payload=io.BytesIO(
                f"organisation: {channel.organisation.slug}\nchannel: {channel.slug}\n".encode()
            ),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Refers-To": record.rec_headers.get_header("WARC-Record-ID")},
        )
        writer.write_record(metadata)
    return file_checksum(warc)


def _new_files(folder: Path, stamp: str) -> tuple[Path, Path]:
    """Page and WARC paths no earlier snapshot uses: two taken in the same second must not
    overwrite each other, since each is a registered record."""
    stem, number = stamp, 1
    while (folder / f"{stem}.html").exists() or (folder / f"{stem}.warc.gz").exists():
        number += 1
        stem = f"{stamp}-{number}"
    return folder / f"{stem}.html", folder / f"{stem}.warc.gz"


def take_snapshot(channel: Channel, *, trigger: str, actor=None, at=None) -> Snapshot:
    """Capture `channel` now: HTML page, WARC, registered in the diary (A3)."""
    at = at or timezone.now()
    folder = snapshot_root() / channel.organisation.slug / channel.slug
    folder.mkdir(parents=True, exist_ok=True)
    page, warc = _new_files(folder, at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
    count, page_sha = _write_page(channel, page, at)
    warc_sha = _write_warc(channel, page, warc, at)
    with transaction.atomic():
        entry = register(
            channel.organisation,
            title=f"Snapshot of {channel.name}, {at:%Y-%m-%d}",
            reason=DiaryEntry.Reason.SNAPSHOT,
            actor=actor,
            at=at,
        )
        return Snapshot.objects.create(
            channel=channel,
            organisation=channel.organisation,
            taken_at=at,
            taken_by=actor,
            trigger=trigger,
            items=count,
            html_path=str(page),
            html_sha256=page_sha,
            warc_path=str(warc),
            warc_sha256=warc_sha,
            diary_entry=entry,
        )


def snapshot_due(channel: Channel, now: datetime) -> bool:
    months = channel.organisation.policy.get("records", {}).get("snapshot_interval_months", 6)
    if not months:
        return False
    last = (
        Snapshot.objects.filter(channel=channel)
        .order_by("-taken_at")
        .values_list("taken_at", flat=True)
        .first()
    )
    return last is None or last <= months_before(now, months)


def take_due_snapshots(now: datetime | None = None) -> int:
    """Snapshot every active channel whose pack interval has passed; returns how many."""
    now = now or timezone.now()
    taken = 0
    channels = Channel.objects.filter(status=ChannelStatus.ACTIVE).select_related(
        "organisation", "owning_unit"
    )
    for channel in channels.iterator(chunk_size=200):
        if snapshot_due(channel, now):
            take_snapshot(channel, trigger=Snapshot.Trigger.SCHEDULED, at=now)
            taken += 1
    return taken
