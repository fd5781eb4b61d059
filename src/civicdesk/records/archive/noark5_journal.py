"""Noark 5 loependeJournal.xml and offentligJournal.xml, written from the journal spool.

The header states the journal's period and its number of entries, known only after the
arkivstruktur pass; the entries are therefore read back from a :class:`Spool`. The public
journal (offentligJournal) never carries a confidential title or correspondent: it shows
``offentligTittel`` and the legal ground instead (A4, Tyresö 3.3: confidential items are
registered, not published).
"""

from __future__ import annotations

from pathlib import Path

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.checksums import FileDigest
from civicdesk.records.archive.coverage import Coverage
from civicdesk.records.archive.spool import Spool
from civicdesk.records.archive.text import non_empty
from civicdesk.records.archive.types import ArchiveExport
from civicdesk.records.archive.xmlwrite import XmlOut, iso_date, xml_file

MASKED = "Skjermet"


def write_journal(
    export: ArchiveExport,
    root: Path,
    relative: str,
    rows: Spool,
    public: bool,
    coverage: Coverage,
) -> FileDigest:
    name = "offentligJournal" if public else "loependeJournal"
    ns = std.NS_NOARK + name

    def t(tag: str) -> str:
        return f"{{{ns}}}{tag}"

    org = export.organisation
    start = export.period_start or coverage.first_entry
    end = export.period_end or coverage.last_entry
    with xml_file(root, relative) as out, out.element(t(name), nsmap={None: ns}):
        with out.element(t("journalhode")):
            out.leaf(t("journalStartDato"), iso_date(start))
            out.leaf(t("journalSluttDato"), iso_date(end))
            out.leaf(t("antallJournalposter"), rows.count)
            with out.element(t("arkivskaper")):
                out.leaf(t("arkivskaperID"), non_empty(org.code, org.slug))
                out.leaf(t("arkivskaperNavn"), non_empty(org.name, org.slug))
        for row in rows:
            _write_row(out, t, row, public)
    return out.digest


def _write_row(out: XmlOut, t, row: dict, public: bool) -> None:
    masked = public and row["confidential"]
    with out.element(t("journalregistrering")):
        with out.element(t("saksmappe")):
            out.leaf(t("mappeID"), row["case_number"])
            out.leaf(t("saksaar"), row["case_year"])
            out.leaf(t("sakssekvensnummer"), row["case_sequence"])
            if not public:
                out.leaf(t("tittel"), row["case_title"])
            out.leaf(t("offentligTittel"), MASKED if masked else row["case_title"])
            out.leaf(t("administrativEnhet"), row["unit"])
            out.leaf(t("saksansvarlig"), row["officer"])
        with out.element(t("journalpost")):
            out.leaf(t("systemID"), row["id"])
            out.leaf(t("registreringsID"), row["diary_number"])
            out.leaf(t("journalaar"), row["year"])
            out.leaf(t("journalsekvensnummer"), row["sequence"])
            out.leaf(t("journalpostnummer"), row["number"])
            if not public:
                out.leaf(t("tittel"), row["title"])
            out.leaf(t("offentligTittel"), row["public_title"])
            if row["confidential"] and not public:
                out.leaf(t("skjermingMetadata"), "tittel, korrespondansepart")
            out.leaf(t("journaldato"), row["date"])
            if row["confidential"]:
                out.leaf(t("tilgangsrestriksjon"), "Unntatt offentlighet")
                out.leaf(t("skjermingshjemmel"), row["legal_ground"])
            with out.element(t("korrespondansepart")):
                out.leaf(t("korrespondanseparttype"), row["party_kind"])
                out.leaf(t("korrespondansepartNavn"), MASKED if masked else row["party_name"])
