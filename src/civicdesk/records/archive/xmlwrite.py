"""Incremental XML writing: ``lxml.etree.xmlfile`` into a :class:`HashingWriter`.

Writers open one element at a time and write leaves with :func:`leaf`, so a million entries
never exist as a tree in memory, and the file's SHA-256 is known when it closes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from lxml import etree

from civicdesk.records.archive.checksums import FileDigest, HashingWriter
from civicdesk.records.archive.text import xml_text


class XmlOut:
    """An open XML file: ``xf`` is the lxml incremental writer, ``digest`` set once closed."""

    def __init__(self, xf, sink: HashingWriter):
        self.xf = xf
        self._sink = sink

    @property
    def digest(self) -> FileDigest:
        assert self._sink.digest is not None, "the file is still open"
        return self._sink.digest

    def element(self, tag: str, attrib: dict[str, str] | None = None, nsmap=None):
        return self.xf.element(tag, _clean_attrib(attrib), nsmap=nsmap)

    def leaf(self, tag: str, text: object, attrib: dict[str, str] | None = None) -> None:
        """``<tag>text</tag>``, with ``text`` made XML-safe (see :mod:`text`)."""
        with self.xf.element(tag, _clean_attrib(attrib)):
            if text is not None and text != "":
                self.xf.write(xml_text(text))

    def empty(self, tag: str, attrib: dict[str, str] | None = None) -> None:
        with self.xf.element(tag, _clean_attrib(attrib)):
            pass


def _clean_attrib(attrib: dict[str, str] | None) -> dict[str, str]:
    return {key: xml_text(value) for key, value in (attrib or {}).items()}


@contextlib.contextmanager
def xml_file(root: Path, relative: str) -> Iterator[XmlOut]:
    """Open ``root/relative`` for incremental XML writing with an XML declaration."""
    sink = HashingWriter(root, relative)
    out: XmlOut | None = None
    with sink, etree.xmlfile(sink, encoding="utf-8") as xf:
        xf.write_declaration()
        out = XmlOut(xf, sink)
        yield out
    # the HashingWriter closed after xmlfile flushed: out.digest is now set


def iso_datetime(value: datetime) -> str:
    """xs:dateTime with offset; naive values are taken as UTC (the models store aware ones)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


def iso_date(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat()
