"""Hostile record text (XML-illegal control characters, ``]]>``, markup, emoji, right-to-left
marks, a lone surrogate) is written safely: every XML stays well-formed and schema-valid, legal
characters survive exactly, illegal ones become U+FFFD, and the text document keeps the rest."""

import json

import pytest
from lxml import etree

from civicdesk.records.archive.samples import HOSTILE, sample_export
from civicdesk.records.archive.text import xml_text
from civicdesk.records.archive.validate import validate_package
from civicdesk.records.archive.writers import write_package

SURVIVES = "]]> <tag> & \u202eRTL\u202c \u200f 😀 مرحبا"


class TestXmlText:
    def test_illegal_characters_become_replacement_characters(self):
        assert xml_text("a\x00b\x0bc\ufffed\udc80") == "a\ufffdb\ufffdc\ufffdd\ufffd"

    def test_legal_characters_are_kept(self):
        assert xml_text("tab\tnewline\n" + SURVIVES) == "tab\tnewline\n" + SURVIVES


@pytest.mark.parametrize("kind", ["noark5", "eark", "mdto", "json"])
def test_hostile_entries_produce_a_valid_package(standards, tmp_path, kind):
    root = write_package(kind, sample_export(12, hostile=True), tmp_path / kind, standards).root
    assert [str(p) for p in validate_package(root)] == []


def test_legal_text_survives_exactly_in_the_xml(standards, tmp_path):
    root = write_package("eark", sample_export(3, hostile=True), tmp_path / "e", standards).root
    erms = etree.parse(str(root / "metadata/descriptive/erms.xml"))
    titles = erms.getroot().iter("{https://DILCIS.eu/XML/ERMS}title")
    record_title = [t.text for t in titles if t.text.startswith("Kommentar 1 ")][0]
    assert SURVIVES in record_title
    assert "bad\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd" in record_title


def test_json_keeps_control_characters_escaped(standards, tmp_path):
    root = write_package("json", sample_export(1, hostile=True), tmp_path / "j", standards).root
    entry = json.loads((root / "entries.jsonl").read_text("utf-8").splitlines()[0])
    assert entry["text"].endswith(HOSTILE[:-1] + "\ufffd")
