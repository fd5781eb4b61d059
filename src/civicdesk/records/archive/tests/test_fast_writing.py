"""The fast paths of the writers: the streaming XML serialiser writes what lxml wrote, and
document files written by the background thread are complete, hashed and in place."""

import hashlib
import io
from pathlib import Path

import pytest
from lxml import etree

from civicdesk.records.archive import docwriter
from civicdesk.records.archive.docwriter import DocumentWriter
from civicdesk.records.archive.samples import HOSTILE
from civicdesk.records.archive.text import xml_text
from civicdesk.records.archive.xmlwrite import XmlOut, xml_bytes, xml_file

NS = "urn:example:a"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {None: NS, "xsi": XSI}
VALUES = [HOSTILE, "a&b<c>d\"e'f\tg\nh\ri]]>j", "Tyresö 😀", 17, 0, "", None, "plain"]


def _write_with(element, leaf, empty) -> None:
    """The same document through either interface."""
    with element(f"{{{NS}}}root", {f"{{{XSI}}}schemaLocation": f"{NS} a.xsd"}, NSMAP):
        for number, value in enumerate(VALUES):
            leaf(f"{{{NS}}}value", value, {"n": str(number), "text": xml_text(value)})
        with element(f"{{{NS}}}group", {f"{{{XSI}}}type": "x"}, None):
            empty(f"{{{NS}}}empty", {"a": HOSTILE})
            leaf(f"{{{NS}}}leaf", HOSTILE, None)


def _with_lxml() -> bytes:
    sink = io.BytesIO()
    with etree.xmlfile(sink, encoding="utf-8") as xf:
        xf.write_declaration()

        def element(tag, attrib, nsmap):
            clean = {key: xml_text(value) for key, value in (attrib or {}).items()}
            return xf.element(tag, clean, nsmap=nsmap)

        def leaf(tag, text, attrib):
            with element(tag, attrib, None):
                if text is not None and text != "":
                    xf.write(xml_text(text))

        _write_with(element, leaf, lambda tag, attrib: leaf(tag, None, attrib))
    return sink.getvalue()


class TestXmlSerialiser:
    def test_writes_the_same_bytes_as_lxml_xmlfile(self):
        def write(out: XmlOut) -> None:
            _write_with(out.element, out.leaf, out.empty)

        assert xml_bytes(write) == _with_lxml()

    def test_file_digest_matches_what_is_on_disk(self, tmp_path):
        with xml_file(tmp_path, "a/b.xml") as out, out.element(f"{{{NS}}}root", nsmap=NSMAP):
            for _ in range(20_000):  # several buffer flushes
                out.leaf(f"{{{NS}}}value", HOSTILE)
        data = (tmp_path / "a/b.xml").read_bytes()
        assert out.digest.sha256 == hashlib.sha256(data).hexdigest()
        assert out.digest.size == len(data)
        etree.fromstring(data)  # well-formed

    def test_undeclared_namespace_is_refused(self):
        def write(out: XmlOut) -> None:
            with out.element(f"{{{NS}}}root", nsmap={None: NS}):
                out.leaf("{urn:other}value", "x")

        with pytest.raises(ValueError, match="not declared"):
            xml_bytes(write)


class TestDocumentWriter:
    @pytest.mark.parametrize("threaded", [True, False])
    def test_small_and_large_documents_are_written_with_their_digest(self, tmp_path, threaded):
        large = bytes(range(256)) * ((docwriter.SMALL // 256) * 3 + 7)
        sources = {f"d/{n:04d}/file.txt": f"document {n}".encode() * n for n in range(300)}
        sources["d/large/file.bin"] = large
        sources["d/empty"] = b""
        digests = {}
        with DocumentWriter(tmp_path, threaded=threaded) as files:
            for relative, data in sources.items():
                digests[relative] = files.write(io.BytesIO(data), relative)
        for relative, data in sources.items():
            assert (tmp_path / relative).read_bytes() == data
            assert digests[relative].sha256 == hashlib.sha256(data).hexdigest()
            assert digests[relative].size == len(data)

    def test_short_reads_are_not_mistaken_for_the_end(self, tmp_path):
        class Trickle(io.RawIOBase):
            def __init__(self, data: bytes):
                self.data = data

            def readable(self) -> bool:
                return True

            def readinto(self, buffer) -> int:
                chunk, self.data = self.data[:3], self.data[3:]
                buffer[: len(chunk)] = chunk
                return len(chunk)

        with DocumentWriter(tmp_path) as files:
            digest = files.write(Trickle(b"0123456789" * 10), "t.txt")
        assert (tmp_path / "t.txt").read_bytes() == b"0123456789" * 10
        assert digest.size == 100

    def test_a_failed_write_is_raised_in_the_callers_thread(self, tmp_path):
        (tmp_path / "blocked").write_bytes(b"a file where a folder should be")
        with pytest.raises(OSError), DocumentWriter(tmp_path) as files:
            files.write(io.BytesIO(b"x"), "blocked/inside.txt")

    def test_the_callers_error_wins_over_a_write_error(self, tmp_path):
        (tmp_path / "blocked").write_bytes(b"")
        with pytest.raises(KeyError), DocumentWriter(tmp_path) as files:
            files.write(io.BytesIO(b"x"), "blocked/inside.txt")
            raise KeyError("the caller's own failure")
        assert not Path(tmp_path / "blocked").is_dir()
