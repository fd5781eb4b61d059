"""``validate_package(path) -> list[Problem]``: schemas, checksums and structure of any export.

The package type is detected from what the folder holds: ``arkivuttrekk.xml`` or
``arkivstruktur.xml`` (Noark 5), ``METS.xml`` (E-ARK), ``cases.jsonl`` (JSON), MDTO documents
(MDTO). A single XML file is validated against the official schema its root element names, so
the standards' lone examples can be checked too. An empty list means valid (A1).
"""

from __future__ import annotations

from pathlib import Path

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.validate.eark import mets_schema, validate_eark
from civicdesk.records.archive.validate.jsonl import validate_json
from civicdesk.records.archive.validate.mdto import validate_mdto
from civicdesk.records.archive.validate.noark5 import schema_for, validate_noark5
from civicdesk.records.archive.validate.problem import Problem, Report
from civicdesk.records.archive.validate.warc import is_warc_package, validate_warc_package
from civicdesk.records.archive.validate.xmlcheck import check_schema, root_tag

__all__ = ["Problem", "detect", "validate_file", "validate_package"]


def detect(root: Path) -> str | None:
    if (root / "arkivuttrekk.xml").is_file() or (root / "arkivstruktur.xml").is_file():
        return "noark5"
    if (root / "METS.xml").is_file():
        return "eark"
    if (root / "cases.jsonl").is_file():
        return "json"
    if (root / "serie.mdto.xml").is_file() or any(
        root_tag(path) == f"{{{std.NS_MDTO}}}MDTO" for path in root.glob("*.xml")
    ):
        return "mdto"
    return None


def validate_package(path: Path | str) -> list[Problem]:
    root = Path(path)
    if root.is_file():
        return validate_file(root)
    if not root.is_dir():
        return [Problem(str(root), "no such folder or file")]
    if is_warc_package(root):
        return validate_warc_package(root)
    kind = detect(root)
    if kind is None:
        return [Problem(str(root), "not a Noark 5, E-ARK, MDTO, Civicdesk JSON or WARC package")]
    check = {
        "noark5": validate_noark5,
        "eark": validate_eark,
        "mdto": validate_mdto,
        "json": validate_json,
    }[kind]
    return check(root)


def validate_file(path: Path) -> list[Problem]:
    """One XML document against the official schema for its root element."""
    report = Report(path)
    tag = root_tag(path)
    if tag is None:
        return [Problem(str(path), "not well-formed XML")]
    if tag == f"{{{std.NS_METS}}}mets":
        schema, label = mets_schema(), "METS + DILCIS extensions"
    elif tag == f"{{{std.NS_ERMS}}}erms":
        schema, label = std.load_schema(std.ERMS_XSD), "CITS ERMS 2.1.2"
    elif tag == f"{{{std.NS_MDTO}}}MDTO":
        schema, label = std.load_schema(std.MDTO_XSD), "MDTO 1.0.1"
    else:
        schema, label = schema_for(tag)
    if schema is None:
        return [Problem(str(path), f"no known archive schema for root element {tag}")]
    check_schema(path, schema, report, "", label)
    return report.problems
