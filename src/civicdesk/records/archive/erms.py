"""CITS ERMS 2.1.2 (= FGS Ärendehantering 2.0): cases and records as descriptive metadata.

One ``aggregation`` (``caseFile``) per case with its ``record`` per diary entry: the diary
number as ``objectId`` and ``identification`` (A4), the direction, sender and recipient as
agents, the dates, a ``restriction`` of type ``confidential`` naming the legal ground when the
entry is confidential, and one ``appendix`` per document pointing into the representation.
Written incrementally; documents are copied by the caller-supplied ``store`` as they come.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.checksums import FileDigest
from civicdesk.records.archive.coverage import Coverage
from civicdesk.records.archive.layout import EntryDocument, entry_documents
from civicdesk.records.archive.text import non_empty
from civicdesk.records.archive.types import ArchiveExport, Case, Direction, RecordEntry
from civicdesk.records.archive.xmlwrite import XmlOut, iso_datetime, xml_file

NS = std.NS_ERMS
DIRECTION = {
    Direction.INCOMING: "incoming",
    Direction.OUTGOING: "outgoing",
    Direction.INTERNAL: "internal_memo_without_follow-up",
}
CASE_STATUS = {"open": "open", "closed": "closed"}

Store = Callable[[RecordEntry, EntryDocument], tuple[str, FileDigest]]


def _t(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def write_erms(
    export: ArchiveExport, root: Path, relative: str, coverage: Coverage, store: Store
) -> FileDigest:
    """Write ``relative``; ``store(entry, doc)`` copies a document and returns (href, digest)."""
    org = export.organisation
    nsmap = {None: NS, "xsi": std.NS_XSI}
    with xml_file(root, relative) as out, out.element(_t("erms"), nsmap=nsmap):
        with out.element(_t("control")):
            out.leaf(_t("identification"), export.system_id, {"identificationType": "UUID"})
            with out.element(_t("maintenanceInformation")):
                out.empty(_t("maintenanceStatus"), {"value": "new"})
                with out.element(_t("maintenanceAgency")):
                    out.leaf(_t("agencyCode"), org.code, {"type": "organisation"})
                    out.leaf(_t("agencyName"), non_empty(org.name, org.slug))
                with out.element(_t("maintenanceHistory")), out.element(_t("maintenanceEvent")):
                    out.empty(_t("eventType"), {"value": "created"})
                    out.leaf(_t("eventDateTime"), iso_datetime(export.created))
                    _agent(out, "creator", export.software)
        with out.element(_t("aggregations")):
            for case in export.cases:
                coverage.add_case(case)
                _write_case(out, case, coverage, store)
    return out.digest


def _agent(out: XmlOut, kind: str, name: str) -> None:
    with out.element(_t("agent"), {"agentType": kind}):
        out.leaf(_t("name"), name)


def _dates(out: XmlOut, dates: list[tuple[str, object]]) -> None:
    with out.element(_t("dates")):
        for kind, value in dates:
            if value is not None:
                out.leaf(_t("date"), iso_datetime(value), {"dateType": kind})


def _write_case(out: XmlOut, case: Case, coverage: Coverage, store: Store) -> None:
    attrib = {"aggregationType": "caseFile", "systemIdentifier": str(case.system_id)}
    with out.element(_t("aggregation"), attrib):
        out.leaf(_t("objectId"), case.case_number)
        out.leaf(_t("title"), non_empty(case.title, "Utan rubrik"))
        out.empty(_t("status"), {"value": CASE_STATUS.get(case.status, "in_progress")})
        if case.unit or case.officer:
            with out.element(_t("agents")):
                if case.unit:
                    _agent(out, "owner", case.unit)
                if case.officer:
                    _agent(out, "responsible_person", case.officer)
        _dates(out, [("created", case.created), ("closed", case.closed)])
        for entry in case.entries:
            coverage.add_entry(entry)
            _write_record(out, case, entry, store)


def _write_record(out: XmlOut, case: Case, entry: RecordEntry, store: Store) -> None:
    with out.element(
        _t("record"),
        {"systemIdentifier": str(entry.system_id), "recordPhysicalOrDigital": "digitial"},
    ):
        out.leaf(_t("objectId"), non_empty(entry.diary_number, str(entry.system_id)))
        out.leaf(
            _t("identification"),
            entry.diary_number or entry.system_id,
            {"identificationType": "diarienummer"},
        )
        out.leaf(_t("parentAggregationId"), case.case_number)
        out.leaf(_t("title"), non_empty(entry.title, "Utan rubrik"))
        if entry.confidential and entry.public_title:
            out.leaf(_t("otherTitle"), entry.public_title, {"titleType": "public"})
        out.empty(
            _t("status"),
            {"value": "received" if entry.direction is Direction.INCOMING else "expedited"},
        )
        out.leaf(_t("runningNumber"), entry.sequence)
        if entry.confidential:
            with out.element(_t("restriction"), {"restrictionType": "confidential"}):
                out.leaf(_t("explanatoryText"), "Sekretess")
                out.leaf(_t("regulation"), non_empty(entry.legal_ground, "Ej angiven"))
        out.empty(_t("direction"), {"directionDefinition": DIRECTION[entry.direction]})
        if entry.sender or entry.recipient:
            with out.element(_t("agents")):
                if entry.sender:
                    _agent(out, "sender", entry.sender)
                if entry.recipient:
                    _agent(out, "recipient", entry.recipient)
        if entry.text:
            out.leaf(_t("description"), entry.text)
        _dates(
            out,
            [
                ("created", entry.created),
                ("received" if entry.direction is Direction.INCOMING else "sent", entry.received),
            ],
        )
        stored = [(doc, *store(entry, doc)) for doc in entry_documents(entry)]
        if stored:
            with out.element(_t("additionalInformation")):
                for doc, href, _digest in stored:
                    out.empty(
                        _t("appendix"),
                        {
                            "name": doc.document.filename,
                            "description": doc.title,
                            "fileFormat": doc.document.mime_type,
                            "path": href,
                            "disposable": "false",
                        },
                    )
