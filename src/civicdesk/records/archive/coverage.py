"""What a package covers, counted while it is written, and the manifest that states it.

Every package carries ``civicdesk-manifest.json``: format, organisation, counts, the date range
of the entries, and the ``chain_head`` of the tamper-evident log the export was taken against
(issue 5, "Exports state the chain head they cover").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from civicdesk.records.archive.checksums import FileDigest, write_bytes
from civicdesk.records.archive.types import ArchiveExport, Case, RecordEntry
from civicdesk.records.archive.xmlwrite import iso_date, iso_datetime

MANIFEST = "civicdesk-manifest.json"


@dataclass
class Coverage:
    cases: int = 0
    entries: int = 0
    confidential_entries: int = 0
    documents: int = 0
    document_bytes: int = 0
    changes: int = 0
    first_entry: datetime | None = None
    last_entry: datetime | None = None
    extra: dict = field(default_factory=dict)

    def add_case(self, case: Case) -> None:
        self.cases += 1

    def add_entry(self, entry: RecordEntry) -> None:
        self.entries += 1
        self.confidential_entries += entry.confidential
        if self.first_entry is None or entry.created < self.first_entry:
            self.first_entry = entry.created
        if self.last_entry is None or entry.created > self.last_entry:
            self.last_entry = entry.created

    def add_document(self, digest: FileDigest) -> None:
        self.documents += 1
        self.document_bytes += digest.size

    def as_dict(self) -> dict:
        return {
            "cases": self.cases,
            "entries": self.entries,
            "confidential_entries": self.confidential_entries,
            "documents": self.documents,
            "document_bytes": self.document_bytes,
            "changes": self.changes,
            "first_entry": iso_datetime(self.first_entry) if self.first_entry else None,
            "last_entry": iso_datetime(self.last_entry) if self.last_entry else None,
            **self.extra,
        }


def write_manifest(
    root: Path,
    relative: str,
    package_format: str,
    standard: str,
    export: ArchiveExport,
    coverage: Coverage,
) -> FileDigest:
    org = export.organisation
    body = {
        "format": package_format,
        "standard": standard,
        "package_id": str(export.system_id),
        "created": iso_datetime(export.created),
        "organisation": {
            "name": org.name,
            "slug": org.slug,
            "country": org.country,
            "identifier": org.code,
        },
        "period": {
            "from": iso_date(export.period_start) if export.period_start else None,
            "to": iso_date(export.period_end) if export.period_end else None,
        },
        "chain_head": export.chain_head,
        "covers": coverage.as_dict(),
        "software": {"name": export.software, "version": export.software_version},
    }
    data = json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    return write_bytes(data, root, relative)
