"""Where each entry's documents go inside a package, and which documents an entry has.

Every entry's text and original platform payload are documents of their own, next to its
attachments (issue 5: "the documents (the item's text, its original platform payload,
attachments)"). Paths are bucketed by year and by thousand sequence numbers so no folder holds a
million children.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from civicdesk.records.archive.text import utf8_bytes
from civicdesk.records.archive.types import Document, RecordEntry

TEXT = "text"
PAYLOAD = "payload"
ATTACHMENT = "attachment"

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class EntryDocument:
    number: int  # 1-based within the entry; 1 is the main document
    role: str  # TEXT, PAYLOAD or ATTACHMENT
    document: Document

    @property
    def title(self) -> str:
        return self.document.title or self.document.filename


def safe_filename(name: str) -> str:
    """A portable file name: ASCII letters, digits, ``.``, ``_`` and ``-`` only."""
    cleaned = _UNSAFE.sub("_", name).strip("._") or "file"
    return cleaned[:100]


def entry_folder(entry: RecordEntry) -> str:
    return f"{entry.journal_year}/{entry.sequence // 1000:04d}/{entry.system_id}"


def document_path(prefix: str, entry: RecordEntry, doc: EntryDocument) -> str:
    return f"{prefix}/{entry_folder(entry)}/{doc.number:02d}-{safe_filename(doc.document.filename)}"


def entry_documents(entry: RecordEntry) -> Iterator[EntryDocument]:
    """The entry's documents in archive order: text, original payload, then attachments."""
    number = 0
    if entry.text:
        number += 1
        data = utf8_bytes(entry.text)
        yield EntryDocument(
            number,
            TEXT,
            Document(
                filename="text.txt",
                mime_type="text/plain",
                title="Text",
                open=lambda: io.BytesIO(data),
                created=entry.received or entry.created,
            ),
        )
    if entry.payload:
        number += 1
        raw = utf8_bytes(entry.payload)
        yield EntryDocument(
            number,
            PAYLOAD,
            Document(
                filename="payload.json",
                mime_type="application/json",
                title="Original platform payload",
                open=lambda: io.BytesIO(raw),
                created=entry.received or entry.created,
            ),
        )
    for attachment in entry.attachments:
        number += 1
        yield EntryDocument(number, ATTACHMENT, attachment)
