"""Noark 5 v5.0 extraction (arkivuttrekk), as Arkivverket's checker Arkade 5 expects it.

Layout::

    arkivuttrekk.xml        ADDML 8.3: every other file with its SHA-256, counts
    arkivstruktur.xml       arkiv > arkivdel > mappe (saksmappe) > registrering (journalpost)
    endringslogg.xml        changes from the tamper-evident log
    loependeJournal.xml     the running journal
    offentligJournal.xml    the public journal, confidential entries masked
    *.xsd                   the official schemas these validate against, copied unchanged
    civicdesk-manifest.json what the package covers and the log's chain head
    dokumenter/             each entry's text, platform payload and attachments

Rules: A1 (kept records are exportable to the national archive), A4 (diary numbers:
journalaar/journalsekvensnummer/journalpostnummer, saksaar/sakssekvensnummer on the case).
Every systemID is a UUID. Cases still open at export get ``avsluttetDato`` = the export time,
because the v5.0 schema makes it mandatory on every mappe; ``saksstatus`` still says "Under
behandling" so nothing is claimed closed that is not.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from civicdesk.core.exceptions import InvalidInput
from civicdesk.records.archive import standards as std
from civicdesk.records.archive.addml import write_addml
from civicdesk.records.archive.checksums import FileDigest
from civicdesk.records.archive.coverage import MANIFEST, Coverage, write_manifest
from civicdesk.records.archive.docwriter import DocumentWriter
from civicdesk.records.archive.layout import TEXT, document_path, entry_documents
from civicdesk.records.archive.noark5_journal import write_journal
from civicdesk.records.archive.package import PackageResult, copy_schema, prepare_output
from civicdesk.records.archive.spool import Spool
from civicdesk.records.archive.text import non_empty
from civicdesk.records.archive.types import ArchiveExport, Case, Direction, RecordEntry
from civicdesk.records.archive.xmlwrite import XmlOut, iso_date, iso_datetime, xml_file

FORMAT = "noark5"
STANDARD = "Noark 5 v5.0"
NS = std.NS_NOARK + "arkivstruktur"
NS_LOG = std.NS_NOARK + "endringslogg"
XSI_TYPE = f"{{{std.NS_XSI}}}type"
SCHEMAS = (
    "arkivstruktur.xsd",
    "metadatakatalog.xsd",
    "endringslogg.xsd",
    "loependeJournal.xsd",
    "offentligJournal.xsd",
)
DOCUMENTS = "dokumenter"
ELECTRONIC = "Elektronisk arkiv"

JOURNALPOSTTYPE = {
    Direction.INCOMING: "Inngående dokument",
    Direction.OUTGOING: "Utgående dokument",
    Direction.INTERNAL: "Organinternt dokument uten oppfølging",
}
CASE_STATUS = {"open": "Under behandling", "closed": "Avsluttet"}
MASKED = "Skjermet"


def _t(name: str) -> str:
    return f"{{{NS}}}{name}"


def public_title(entry: RecordEntry) -> str:
    """The title the public journal shows: masked when the entry is confidential (A4)."""
    if not entry.confidential:
        return non_empty(entry.title, "Uten tittel")
    return non_empty(entry.public_title, f"{MASKED} ({entry.legal_ground or 'unntatt'})")


def correspondent(entry: RecordEntry) -> tuple[str, str]:
    """(korrespondanseparttype, name): the sender of incoming, the recipient of outgoing."""
    if entry.direction is Direction.INCOMING:
        return "Avsender", non_empty(entry.sender, "Ukjent avsender")
    if entry.direction is Direction.OUTGOING:
        return "Mottaker", non_empty(entry.recipient, "Ukjent mottaker")
    return "Intern mottaker", non_empty(entry.recipient or entry.sender, "Intern")


def write_noark5(
    export: ArchiveExport, out_dir: Path, standards: Path | None = None
) -> PackageResult:
    """Write a complete extraction of ``export`` into the new folder ``out_dir``."""
    root = prepare_output(out_dir)
    standards = standards or std.standards_dir()
    coverage = Coverage()
    files: list[tuple[str, FileDigest]] = []
    with Spool() as journal, Spool() as documents:
        structure = _write_arkivstruktur(export, root, coverage, journal, documents)
        if coverage.entries == 0:
            raise InvalidInput("nothing to export: Noark 5 journals need at least one entry")
        files.append(("arkivstruktur", structure))
        files.append(("endringslogg", _write_changes(export, root, coverage)))
        for name, public in (("loependeJournal", False), ("offentligJournal", True)):
            files.append(
                (name, write_journal(export, root, f"{name}.xml", journal, public, coverage))
            )
        schemas = {
            name: copy_schema(standards, f"{std.NOARK5_XSD}/{name}", root, name) for name in SCHEMAS
        }
        schemas["addml.xsd"] = copy_schema(standards, std.ADDML_XSD, root, "addml.xsd")
        manifest = write_manifest(root, MANIFEST, FORMAT, STANDARD, export, coverage)
        write_addml(export, root, coverage, dict(files), schemas, manifest, documents)
    return PackageResult(FORMAT, root, coverage, manifest)


def _write_arkivstruktur(
    export: ArchiveExport, root: Path, coverage: Coverage, journal: Spool, documents: Spool
) -> FileDigest:
    org = export.organisation
    created = iso_datetime(export.created)
    nsmap = {None: NS, "xsi": std.NS_XSI}
    with xml_file(root, "arkivstruktur.xml") as out, out.element(_t("arkiv"), nsmap=nsmap):
        out.leaf(_t("systemID"), export.system_id)
        out.leaf(_t("tittel"), non_empty(export.archive_title, org.name))
        out.leaf(_t("arkivstatus"), "Avsluttet")
        out.leaf(_t("dokumentmedium"), ELECTRONIC)
        out.leaf(_t("opprettetDato"), created)
        out.leaf(_t("opprettetAv"), export.software)
        out.leaf(_t("avsluttetDato"), created)
        out.leaf(_t("avsluttetAv"), export.software)
        with out.element(_t("arkivskaper")):
            out.leaf(_t("arkivskaperID"), non_empty(org.code, org.slug))
            out.leaf(_t("arkivskaperNavn"), non_empty(org.name, org.slug))
        series_id = uuid.uuid5(export.system_id, "arkivdel")
        with out.element(_t("arkivdel")):
            out.leaf(_t("systemID"), series_id)
            out.leaf(_t("tittel"), f"{non_empty(org.name, org.slug)}: sosiale medier")
            out.leaf(_t("arkivdelstatus"), "Avsluttet periode")
            out.leaf(_t("dokumentmedium"), ELECTRONIC)
            out.leaf(_t("opprettetDato"), created)
            out.leaf(_t("opprettetAv"), export.software)
            out.leaf(_t("avsluttetDato"), created)
            out.leaf(_t("avsluttetAv"), export.software)
            if export.period_start:
                out.leaf(_t("arkivperiodeStartDato"), iso_date(export.period_start))
            if export.period_end:
                out.leaf(_t("arkivperiodeSluttDato"), iso_date(export.period_end))
            with DocumentWriter(root) as files:
                for case in export.cases:
                    _write_case(out, export, case, series_id, coverage, journal, documents, files)
    return out.digest


def _write_case(out: XmlOut, export, case: Case, series_id, coverage, journal, documents, files):
    coverage.add_case(case)
    closed = case.closed or export.created
    unit = non_empty(case.unit, export.organisation.name)
    officer = non_empty(case.officer, export.software)
    with out.element(_t("mappe"), {XSI_TYPE: "saksmappe"}):
        out.leaf(_t("systemID"), case.system_id)
        out.leaf(_t("mappeID"), case.case_number)
        out.leaf(_t("tittel"), non_empty(case.title, "Uten tittel"))
        out.leaf(_t("dokumentmedium"), ELECTRONIC)
        out.leaf(_t("opprettetDato"), iso_datetime(case.created))
        out.leaf(_t("opprettetAv"), non_empty(case.created_by, export.software))
        out.leaf(_t("avsluttetDato"), iso_datetime(closed))
        out.leaf(_t("avsluttetAv"), officer)
        out.leaf(_t("referanseArkivdel"), series_id)
        for number, entry in enumerate(case.entries, start=1):
            coverage.add_entry(entry)
            _write_entry(out, export, case, entry, number, documents, coverage, files)
            journal.append(_journal_row(case, entry, number, unit, officer))
        out.leaf(_t("saksaar"), case.year)
        out.leaf(_t("sakssekvensnummer"), case.sequence)
        out.leaf(_t("saksdato"), iso_date(case.created))
        out.leaf(_t("administrativEnhet"), unit)
        out.leaf(_t("saksansvarlig"), officer)
        out.leaf(
            _t("saksstatus"), CASE_STATUS.get(case.status, non_empty(case.status, "Avsluttet"))
        )


def _write_entry(
    out: XmlOut,
    export,
    case,
    entry: RecordEntry,
    number,
    documents,
    coverage,
    files: DocumentWriter,
):
    registered_by = non_empty(entry.registered_by, export.software)
    with out.element(_t("registrering"), {XSI_TYPE: "journalpost"}):
        out.leaf(_t("systemID"), entry.system_id)
        out.leaf(_t("opprettetDato"), iso_datetime(entry.created))
        out.leaf(_t("opprettetAv"), registered_by)
        out.leaf(_t("arkivertDato"), iso_datetime(export.created))
        out.leaf(_t("arkivertAv"), export.software)
        if entry.confidential:
            with out.element(_t("skjerming")):
                out.leaf(_t("tilgangsrestriksjon"), "Unntatt offentlighet")
                out.leaf(_t("skjermingshjemmel"), non_empty(entry.legal_ground, "Ikke oppgitt"))
                out.leaf(_t("skjermingMetadata"), "tittel")
                out.leaf(_t("skjermingMetadata"), "korrespondansepart")
        for doc in entry_documents(entry):
            relative = document_path(DOCUMENTS, entry, doc)
            digest = files.write(doc.document.stream(), relative)
            coverage.add_document(digest)
            documents.append({"path": digest.path, "size": digest.size, "sha256": digest.sha256})
            created = iso_datetime(doc.document.created or entry.created)
            with out.element(_t("dokumentbeskrivelse")):
                out.leaf(_t("systemID"), uuid.uuid5(doc.document.system_id, "dokumentbeskrivelse"))
                out.leaf(_t("dokumenttype"), "Sosiale medier" if doc.role == TEXT else "Vedlegg")
                out.leaf(_t("dokumentstatus"), "Dokumentet er ferdigstilt")
                out.leaf(_t("tittel"), non_empty(doc.title, doc.document.filename))
                out.leaf(_t("opprettetDato"), created)
                out.leaf(_t("opprettetAv"), registered_by)
                out.leaf(_t("dokumentmedium"), ELECTRONIC)
                out.leaf(
                    _t("tilknyttetRegistreringSom"),
                    "Hoveddokument" if doc.number == 1 else "Vedlegg",
                )
                out.leaf(_t("dokumentnummer"), doc.number)
                out.leaf(_t("tilknyttetDato"), iso_datetime(entry.created))
                out.leaf(_t("tilknyttetAv"), registered_by)
                with out.element(_t("dokumentobjekt")):
                    out.leaf(_t("systemID"), doc.document.system_id)
                    out.leaf(_t("versjonsnummer"), 1)
                    out.leaf(_t("variantformat"), "Arkivformat")
                    out.leaf(
                        _t("format"), non_empty(doc.document.mime_type, "application/octet-stream")
                    )
                    out.leaf(_t("opprettetDato"), created)
                    out.leaf(_t("opprettetAv"), registered_by)
                    out.leaf(_t("referanseDokumentfil"), digest.path)
                    out.leaf(_t("sjekksum"), digest.sha256)
                    out.leaf(_t("sjekksumAlgoritme"), "SHA-256")
                    out.leaf(_t("filstoerrelse"), digest.size)
        out.leaf(
            _t("registreringsID"), non_empty(entry.diary_number, f"{case.case_number}-{number}")
        )
        out.leaf(_t("tittel"), non_empty(entry.title, "Uten tittel"))
        out.leaf(_t("offentligTittel"), public_title(entry))
        kind, name = correspondent(entry)
        with out.element(_t("korrespondansepart")):
            out.leaf(_t("korrespondanseparttype"), kind)
            out.leaf(_t("korrespondansepartNavn"), name)
        out.leaf(_t("journalaar"), entry.journal_year)
        out.leaf(_t("journalsekvensnummer"), entry.sequence)
        out.leaf(_t("journalpostnummer"), number)
        out.leaf(_t("journalposttype"), JOURNALPOSTTYPE[entry.direction])
        out.leaf(_t("journalstatus"), "Journalført")
        out.leaf(_t("journaldato"), iso_date(entry.created))
        if entry.received and entry.direction is Direction.INCOMING:
            out.leaf(_t("mottattDato"), iso_datetime(entry.received))
        elif entry.received and entry.direction is Direction.OUTGOING:
            out.leaf(_t("sendtDato"), iso_datetime(entry.received))


def _journal_row(case: Case, entry: RecordEntry, number: int, unit: str, officer: str) -> dict:
    kind, name = correspondent(entry)
    return {
        "case_number": case.case_number,
        "case_year": case.year,
        "case_sequence": case.sequence,
        "case_title": non_empty(case.title, "Uten tittel"),
        "unit": unit,
        "officer": officer,
        "id": str(entry.system_id),
        "diary_number": non_empty(entry.diary_number, f"{case.case_number}-{number}"),
        "year": entry.journal_year,
        "sequence": entry.sequence,
        "number": number,
        "title": non_empty(entry.title, "Uten tittel"),
        "public_title": public_title(entry),
        "date": iso_date(entry.created),
        "confidential": entry.confidential,
        "legal_ground": non_empty(entry.legal_ground, "Ikke oppgitt"),
        "party_kind": kind,
        "party_name": name,
    }


def _write_changes(export: ArchiveExport, root: Path, coverage: Coverage) -> FileDigest:
    """endringslogg.xml. The schema demands at least one ``endring``; with no changes logged,
    the one change the extraction itself makes is recorded: the archive's status set to
    "Avsluttet"."""
    with (
        xml_file(root, "endringslogg.xml") as out,
        out.element(f"{{{NS_LOG}}}endringslogg", nsmap={None: NS_LOG}),
    ):
        for change in export.changes:
            coverage.changes += 1
            _write_change(
                out,
                change.target,
                change.field_name,
                iso_datetime(change.changed),
                change.changed_by,
                change.old_value,
                change.new_value,
            )
        if coverage.changes == 0:
            _write_change(
                out,
                export.system_id,
                "arkivstatus",
                iso_datetime(export.created),
                export.software,
                "Opprettet",
                "Avsluttet",
            )
    return out.digest


def _write_change(out: XmlOut, target, field_name, changed, by, old, new) -> None:
    with out.element(f"{{{NS_LOG}}}endring"):
        out.leaf(f"{{{NS_LOG}}}referanseArkivenhet", target)
        out.leaf(f"{{{NS_LOG}}}referanseMetadata", non_empty(field_name, "ukjent"))
        out.leaf(f"{{{NS_LOG}}}endretDato", changed)
        out.leaf(f"{{{NS_LOG}}}endretAv", non_empty(by, "ukjent"))
        out.leaf(f"{{{NS_LOG}}}tidligereVerdi", non_empty(old, "NULL"))
        out.leaf(f"{{{NS_LOG}}}nyVerdi", non_empty(new, "NULL"))
