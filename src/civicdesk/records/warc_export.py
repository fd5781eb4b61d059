"""The `warc` export: an organisation's channel snapshots (A3) as one package.

    warc/<channel>-<time>.warc.gz     every snapshot taken in the period, as taken
    snapshots.wacz                    the same WARC files as one WACZ 1.1.1, for replay tools
    manifest.json                     format, organisation, period, chain head, files + SHA-256

`archive/validate/warc.py` checks such a package: checksums and every record's block digest.
"""

import json
import shutil
from pathlib import Path

from django.utils import timezone

from civicdesk.core.exceptions import InvalidInput
from civicdesk.records import log
from civicdesk.records.archive.checksums import file_checksum
from civicdesk.records.archive.validate.warc import MANIFEST
from civicdesk.records.models import Snapshot
from civicdesk.records.wacz import WACZ_VERSION, WarcFile, write_wacz

WACZ_NAME = "snapshots.wacz"


def _page_title(entry: dict) -> str:
    return f"{entry['channel']} {entry['taken_at']}"


def write_warc_package(organisation, out: Path, period) -> dict:
    head = log.head()
    snapshots = Snapshot.objects.filter(organisation=organisation).select_related("channel")
    if period.start:
        snapshots = snapshots.filter(taken_at__date__gte=period.start)
    if period.end:
        snapshots = snapshots.filter(taken_at__date__lte=period.end)
    folder = out / "warc"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for snapshot in snapshots.order_by("taken_at", "pk").iterator(chunk_size=200):
        source = Path(snapshot.warc_path)
        if not source.is_file() or file_checksum(source) != snapshot.warc_sha256:
            raise InvalidInput(f"snapshot {snapshot.pk}: {source} is missing or was changed")
        name = f"{snapshot.channel.slug}-{source.name}"  # unique: one file per snapshot
        shutil.copyfile(source, folder / name)
        files.append(
            {
                "path": f"warc/{name}",
                "sha256": snapshot.warc_sha256,
                "channel": snapshot.channel.slug,
                "taken_at": snapshot.taken_at.isoformat(),
                "diary_number": snapshot.diary_entry.number if snapshot.diary_entry_id else None,
            }
        )
    if not files:
        raise InvalidInput("no snapshots to export: take one with `civicdesk snapshot`")
    wacz_sha256 = write_wacz(
        [
            WarcFile(Path(entry["path"]).name, out / entry["path"], _page_title(entry))
            for entry in files
        ],
        out / WACZ_NAME,
        title=f"{organisation.name}: channel snapshots",
        created=timezone.now(),
    )
    manifest = {
        "format": "warc",
        "organisation": organisation.slug,
        "period": [
            period.start and period.start.isoformat(),
            period.end and period.end.isoformat(),
        ],
        "chain_head": str(head),
        "files": files,
        "wacz": {"path": WACZ_NAME, "sha256": wacz_sha256, "wacz_version": WACZ_VERSION},
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    return manifest
