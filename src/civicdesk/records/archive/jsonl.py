"""Everything as JSON lines, for a records request or any system that reads JSON.

Layout::

    cases.jsonl          one case per line
    entries.jsonl        one diary entry per line, with its documents' paths and SHA-256
    changes.jsonl        the change log
    documents/…          each entry's text, payload and attachments
    civicdesk-manifest.json, SHA256SUMS   coverage, the log's chain head, every file's SHA-256

Text is kept exactly (JSON escapes what it must); only lone surrogates, which UTF-8 cannot
carry, become U+FFFD. A confidential entry is exported whole with its legal ground: redaction
for a public release belongs to the records-request step, not to the archive copy.
"""

from __future__ import annotations

import json
from pathlib import Path

from civicdesk.records.archive.checksums import ChecksumList, HashingWriter
from civicdesk.records.archive.coverage import MANIFEST, Coverage, write_manifest
from civicdesk.records.archive.docwriter import DocumentWriter
from civicdesk.records.archive.layout import document_path, entry_documents
from civicdesk.records.archive.package import PackageResult, prepare_output
from civicdesk.records.archive.text import utf8_bytes
from civicdesk.records.archive.types import ArchiveExport, Case, RecordEntry
from civicdesk.records.archive.xmlwrite import iso_datetime

FORMAT = "json"
STANDARD = "Civicdesk JSON lines 1"
DOCUMENTS = "documents"


def _line(value: dict) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return utf8_bytes(text) + b"\n"


def _when(value) -> str | None:
    return iso_datetime(value) if value else None


def write_json(
    export: ArchiveExport, out_dir: Path, standards: Path | None = None
) -> PackageResult:
    """Write ``export`` as JSON lines into the new folder ``out_dir``."""
    root = prepare_output(out_dir)
    coverage = Coverage()
    sums = ChecksumList(root)
    with (
        HashingWriter(root, "cases.jsonl") as cases,
        HashingWriter(root, "entries.jsonl") as rows,
        DocumentWriter(root) as files,
    ):
        for case in export.cases:
            coverage.add_case(case)
            cases.write(_line(_case(case)))
            for entry in case.entries:
                coverage.add_entry(entry)
                documents = []
                for doc in entry_documents(entry):
                    stored = _store(files, entry, doc, sums, coverage)
                    documents.append(
                        {
                            "id": str(doc.document.system_id),
                            "role": doc.role,
                            "filename": doc.document.filename,
                            "mime_type": doc.document.mime_type,
                            "path": stored.path,
                            "size": stored.size,
                            "sha256": stored.sha256,
                        }
                    )
                rows.write(_line(_entry(case, entry, documents)))
    sums.add(cases.digest)
    sums.add(rows.digest)
    with HashingWriter(root, "changes.jsonl") as changes:
        for change in export.changes:
            coverage.changes += 1
            changes.write(
                _line(
                    {
                        "target": str(change.target),
                        "field": change.field_name,
                        "changed": iso_datetime(change.changed),
                        "changed_by": change.changed_by,
                        "old": change.old_value,
                        "new": change.new_value,
                    }
                )
            )
    sums.add(changes.digest)
    manifest = write_manifest(root, MANIFEST, FORMAT, STANDARD, export, coverage)
    sums.add(manifest)
    sums.close()
    return PackageResult(FORMAT, root, coverage, manifest)


def _store(files: DocumentWriter, entry: RecordEntry, doc, sums: ChecksumList, coverage: Coverage):
    digest = files.write(doc.document.stream(), document_path(DOCUMENTS, entry, doc))
    coverage.add_document(digest)
    sums.add(digest)
    return digest


def _case(case: Case) -> dict:
    return {
        "id": str(case.system_id),
        "number": case.case_number,
        "title": case.title,
        "year": case.year,
        "sequence": case.sequence,
        "status": case.status,
        "created": iso_datetime(case.created),
        "closed": _when(case.closed),
        "unit": case.unit,
        "officer": case.officer,
    }


def _entry(case: Case, entry: RecordEntry, documents: list[dict]) -> dict:
    return {
        "id": str(entry.system_id),
        "case": str(case.system_id),
        "diary_number": entry.diary_number,
        "journal_year": entry.journal_year,
        "sequence": entry.sequence,
        "title": entry.title,
        "public_title": entry.public_title,
        "created": iso_datetime(entry.created),
        "received": _when(entry.received),
        "direction": entry.direction.value,
        "sender": entry.sender,
        "recipient": entry.recipient,
        "confidential": entry.confidential,
        "legal_ground": entry.legal_ground,
        "channel": entry.channel,
        "url": entry.url,
        "permanent": entry.permanent,
        "text": entry.text,
        "documents": documents,
    }
