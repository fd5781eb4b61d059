"""MDTO 1.0.1 (Nationaal Archief): one XML document per information object and per file.

Layout::

    serie.mdto.xml                              the series: the organisation's social media
    dossiers/<year>/<seq>/dossier.mdto.xml      one Dossier per case
    dossiers/<year>/<seq>/<entry>/archiefstuk.mdto.xml   one Archiefstuk per diary entry
    dossiers/<year>/<seq>/<entry>/NN-name       the entry's documents …
    dossiers/<year>/<seq>/<entry>/NN-name.bestand.mdto.xml   … each with its Bestand
    civicdesk-manifest.json, SHA256SUMS         coverage and every file's SHA-256

Each object has identification, name, aggregation level, dates (``event`` Ontvangst/Creatie),
retention (``waardering``: B blijvend, V vernietigen, A2) and use restrictions
(``beperkingGebruik``: the legal ground when confidential, A4). Files carry size, format and
SHA-256 (``checksum``) and point back to their Archiefstuk (``isRepresentatieVan``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from civicdesk.core.exceptions import InvalidInput
from civicdesk.records.archive import standards as std
from civicdesk.records.archive.checksums import ChecksumList, FileDigest
from civicdesk.records.archive.coverage import MANIFEST, Coverage, write_manifest
from civicdesk.records.archive.docwriter import DocumentWriter
from civicdesk.records.archive.layout import EntryDocument, entry_documents, safe_filename
from civicdesk.records.archive.package import PackageResult, prepare_output
from civicdesk.records.archive.text import non_empty
from civicdesk.records.archive.types import ArchiveExport, Case, Direction, RecordEntry
from civicdesk.records.archive.xmlwrite import XmlOut, iso_datetime, xml_bytes

FORMAT = "mdto"
STANDARD = "MDTO 1.0.1"
NS = std.NS_MDTO
SCHEMA_LOCATION = f"{NS} https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd"
LEVELS = "Begrippenlijst Aggregatieniveaus MDTO"
EVENTS = "Begrippenlijst EventTypeLijst MDTO"
VALUATIONS = "Begrippenlijst Waarderingen MDTO"
CHECKSUMS = "Begrippenlijst ChecksumAlgoritme MDTO"
ACCESS = "Civicdesk begrippenlijst openbaarheid"
FORMATS = "IANA Media Types"


def _t(tag: str) -> str:
    return f"{{{NS}}}{tag}"


class _Writer:
    def __init__(
        self,
        export: ArchiveExport,
        root: Path,
        sums: ChecksumList,
        coverage: Coverage,
        files: DocumentWriter,
    ):
        self.export, self.root, self.sums, self.coverage = export, root, sums, coverage
        self.files = files
        self.source = f"Civicdesk {export.organisation.slug}"

    def document(self, relative: str, body) -> None:
        """One MDTO document, made in memory (a few KB) and stored like a document file."""

        def write(out: XmlOut) -> None:
            attrib = {f"{{{std.NS_XSI}}}schemaLocation": SCHEMA_LOCATION}
            with out.element(_t("MDTO"), attrib, nsmap={None: NS, "xsi": std.NS_XSI}):
                body(out)

        self.sums.add(self.files.write_bytes(xml_bytes(write), relative))

    def ident(self, out: XmlOut, value: object, tag: str = "identificatie") -> None:
        with out.element(_t(tag)):
            out.leaf(_t("identificatieKenmerk"), value)
            out.leaf(_t("identificatieBron"), self.source)

    def ref(self, out: XmlOut, tag: str, name: str, ident: object | None = None) -> None:
        with out.element(_t(tag)):
            out.leaf(_t("verwijzingNaam"), non_empty(name, "-"))
            if ident is not None:
                self.ident(out, ident, "verwijzingIdentificatie")

    def concept(
        self, out: XmlOut, tag: str, label: str, vocabulary: str, code: str | None = None
    ) -> None:
        with out.element(_t(tag)):
            out.leaf(_t("begripLabel"), label)
            if code:
                out.leaf(_t("begripCode"), code)
            with out.element(_t("begripBegrippenlijst")):
                out.leaf(_t("verwijzingNaam"), vocabulary)

    def event(self, out: XmlOut, kind: str, when: datetime | None, actor: str = "") -> None:
        if when is None:
            return
        with out.element(_t("event")):
            self.concept(out, "eventType", kind, EVENTS)
            out.leaf(_t("eventTijd"), iso_datetime(when))
            if actor:
                self.ref(out, "eventVerantwoordelijkeActor", actor)

    def closing(
        self,
        out: XmlOut,
        permanent: bool,
        confidential: bool,
        legal_ground: str,
        parent: tuple[str, object] | None,
        representations=(),
    ) -> None:
        """waardering … beperkingGebruik, in schema order."""
        if permanent:
            self.concept(out, "waardering", "Blijvend te bewaren", VALUATIONS, "B")
        else:
            self.concept(out, "waardering", "Tijdelijk te bewaren", VALUATIONS, "V")
        if parent:
            self.ref(out, "isOnderdeelVan", parent[0], parent[1])
        for name, ident in representations:
            self.ref(out, "heeftRepresentatie", name, ident)
        org = self.export.organisation
        self.ref(out, "archiefvormer", org.name, org.code)
        with out.element(_t("beperkingGebruik")):
            if confidential:
                self.concept(out, "beperkingGebruikType", "Niet openbaar", ACCESS)
                out.leaf(
                    _t("beperkingGebruikNadereBeschrijving"),
                    non_empty(legal_ground, "Grond niet opgegeven"),
                )
            else:
                self.concept(out, "beperkingGebruikType", "Openbaar", ACCESS)


def write_mdto(
    export: ArchiveExport, out_dir: Path, standards: Path | None = None
) -> PackageResult:
    """Write MDTO sidecars and files for ``export`` into the new folder ``out_dir``.
    ``standards`` is unused: MDTO packages carry no schemas (accepted for one signature)."""
    root = prepare_output(out_dir)
    coverage = Coverage()
    sums = ChecksumList(root)
    files = DocumentWriter(root)
    w = _Writer(export, root, sums, coverage, files)
    series_name = export.archive_title

    def series(out: XmlOut) -> None:
        with out.element(_t("informatieobject")):
            w.ident(out, export.system_id)
            out.leaf(_t("naam"), series_name)
            w.concept(out, "aggregatieniveau", "Serie", LEVELS)
            w.event(out, "Creatie", export.created, export.software)
            w.closing(out, True, False, "", None)

    with files:
        w.document("serie.mdto.xml", series)
        for case in export.cases:
            coverage.add_case(case)
            _write_case(w, case, (series_name, export.system_id))
    if coverage.entries == 0:
        raise InvalidInput("nothing to export: the package would hold no records")
    manifest = write_manifest(root, MANIFEST, FORMAT, STANDARD, export, coverage)
    sums.add(manifest)
    sums.close()
    return PackageResult(FORMAT, root, coverage, manifest)


def _write_case(w: _Writer, case: Case, parent: tuple[str, object]) -> None:
    folder = f"dossiers/{case.year}/{case.sequence}"
    title = non_empty(case.title, "Zonder titel")

    def dossier(out: XmlOut) -> None:
        with out.element(_t("informatieobject")):
            w.ident(out, case.system_id)
            w.ident(out, case.case_number)
            out.leaf(_t("naam"), title)
            w.concept(out, "aggregatieniveau", "Dossier", LEVELS)
            w.event(out, "Creatie", case.created, case.created_by)
            w.event(out, "Afsluiting", case.closed, case.officer)
            w.closing(out, True, False, "", parent)

    w.document(f"{folder}/dossier.mdto.xml", dossier)
    for entry in case.entries:
        w.coverage.add_entry(entry)
        _write_entry(w, entry, f"{folder}/{entry.system_id}", (title, case.system_id))


def _write_entry(w: _Writer, entry: RecordEntry, folder: str, parent) -> None:
    title = non_empty(entry.title, "Zonder titel")
    files: list[tuple[EntryDocument, str, FileDigest]] = []
    for doc in entry_documents(entry):
        relative = f"{folder}/{doc.number:02d}-{safe_filename(doc.document.filename)}"
        digest = w.files.write(doc.document.stream(), relative)
        w.coverage.add_document(digest)
        w.sums.add(digest)
        files.append((doc, relative, digest))

    def archiefstuk(out: XmlOut) -> None:
        with out.element(_t("informatieobject")):
            w.ident(out, entry.system_id)
            if entry.diary_number:
                w.ident(out, entry.diary_number)
            out.leaf(_t("naam"), title)
            w.concept(out, "aggregatieniveau", "Archiefstuk", LEVELS)
            if entry.url:
                with out.element(_t("raadpleeglocatie")):
                    out.leaf(_t("raadpleeglocatieOnline"), entry.url)
            kind = "Ontvangst" if entry.direction is Direction.INCOMING else "Verzending"
            w.event(out, kind, entry.received, entry.sender or entry.recipient)
            w.event(out, "Registratie", entry.created, entry.registered_by)
            w.closing(
                out,
                entry.permanent,
                entry.confidential,
                entry.legal_ground,
                parent,
                [(rel.rsplit("/", 1)[-1], doc.document.system_id) for doc, rel, _ in files],
            )

    w.document(f"{folder}/archiefstuk.mdto.xml", archiefstuk)
    for doc, relative, digest in files:
        _write_file(w, doc, relative, digest, entry, title)


def _write_file(
    w: _Writer,
    doc: EntryDocument,
    relative: str,
    digest: FileDigest,
    entry: RecordEntry,
    entry_title: str,
) -> None:
    def bestand(out: XmlOut) -> None:
        with out.element(_t("bestand")):
            w.ident(out, doc.document.system_id)
            out.leaf(_t("naam"), relative.rsplit("/", 1)[-1])
            out.leaf(_t("omvang"), digest.size)
            w.concept(out, "bestandsformaat", doc.document.mime_type, FORMATS)
            with out.element(_t("checksum")):
                w.concept(out, "checksumAlgoritme", "SHA256", CHECKSUMS)
                out.leaf(_t("checksumWaarde"), digest.sha256)
                out.leaf(_t("checksumDatum"), iso_datetime(w.export.created))
            w.ref(out, "isRepresentatieVan", entry_title, entry.system_id)

    w.document(f"{relative}.bestand.mdto.xml", bestand)
