"""Parsing and schema validation that stays offline and streams.

``check_schema`` validates while parsing (``iterparse`` with a schema) and frees each element
once passed, so a million-entry arkivstruktur.xml validates in flat memory. lxml stops at the
first schema error in a file; that error is reported with its line.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from civicdesk.records.archive.standards import offline_parser
from civicdesk.records.archive.validate.problem import Report

DETAIL_LIMIT = 64 * 1024 * 1024
MAX_ERRORS = 20


def root_tag(path: Path) -> str | None:
    """The root element's ``{namespace}name`` without reading the file, or None if not XML."""
    try:
        for _event, element in etree.iterparse(
            str(path), events=("start",), no_network=True, resolve_entities=False
        ):
            return element.tag
    except (etree.XMLSyntaxError, OSError):
        return None
    return None


def parse(path: Path, report: Report, relative: str):
    """The whole tree (for small files such as a package METS), or None with a problem."""
    try:
        return etree.parse(str(path), offline_parser())
    except etree.XMLSyntaxError as error:
        report.add(relative, f"not well-formed XML: {error.msg}", error.lineno)
    except OSError as error:
        report.add(relative, f"unreadable: {error}")
    return None


def check_schema(
    path: Path, schema: etree.XMLSchema, report: Report, relative: str, label: str
) -> bool:
    """Validate ``path`` against ``schema`` while streaming; one problem on failure."""
    try:
        events = etree.iterparse(
            str(path),
            events=("end",),
            schema=schema,
            no_network=True,
            resolve_entities=False,
            huge_tree=True,
        )
        for _event, element in events:
            parent = element.getparent()
            if parent is not None and parent.getparent() is not None:
                element.clear(keep_tail=True)
        if events.root is None:
            report.add(relative, "not well-formed XML: no root element", 1)
            return False
    except etree.XMLSyntaxError as error:
        last = error.error_log.last_error
        if last is not None and last.domain_name == "SCHEMASV":
            _schema_details(path, schema, report, relative, label, error)
        else:
            report.add(relative, f"not well-formed XML: {error.msg}", error.lineno)
        return False
    except OSError as error:
        report.add(relative, f"unreadable: {error}")
        return False
    return True


def _schema_details(path, schema, report, relative, label, error) -> None:
    """Streaming validation gives no line numbers; a file small enough is validated again as a
    tree to name the lines (at most ``MAX_ERRORS``)."""
    if path.stat().st_size <= DETAIL_LIMIT:
        try:
            tree = etree.parse(str(path), offline_parser())
        except etree.XMLSyntaxError as syntax:
            report.add(relative, f"not well-formed XML: {syntax.msg}", syntax.lineno)
            return
        if not schema.validate(tree):
            for entry in list(schema.error_log)[:MAX_ERRORS]:
                report.add(relative, f"schema ({label}): {entry.message}", entry.line)
            return
    report.add(relative, f"schema ({label}): {error.msg}")
