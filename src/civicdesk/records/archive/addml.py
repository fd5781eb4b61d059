"""arkivuttrekk.xml: the ADDML 8.3 description of a Noark 5 extraction.

Follows Arkivverket's template (``noark5/examples/official-standard/arkivuttrekk_v5_0.xml``):
one dataObject per XML file with its schemas, SHA-256 checksums and element counts, which is
what Arkade 5 checks first. Two further dataObjects list what the template has no place for but
the extraction holds: every document file (``dokumenter``) and Civicdesk's manifest, each with
its SHA-256, so every file in the package except this one is listed (A1).
"""

from __future__ import annotations

from pathlib import Path

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.checksums import FileDigest
from civicdesk.records.archive.coverage import Coverage
from civicdesk.records.archive.spool import Spool
from civicdesk.records.archive.types import ArchiveExport
from civicdesk.records.archive.xmlwrite import XmlOut, iso_date, xml_file

NS = std.NS_ADDML
DOCUMENTS_OBJECT = "dokumenter"
OTHER_OBJECT = "civicdesk"


def _t(tag: str) -> str:
    return f"{{{NS}}}{tag}"


class _Props:
    """Shorthand for ADDML's nested ``property`` elements."""

    def __init__(self, out: XmlOut):
        self.out = out

    def value(self, name: str, value: object, data_type: str | None = None) -> None:
        attrib = {"name": name} | ({"dataType": data_type} if data_type else {})
        with self.out.element(_t("property"), attrib):
            self.out.leaf(_t("value"), value)

    def group(self, name: str, value: object | None = None, data_type: str | None = None):
        return _Group(self, name, value, data_type)


class _Group:
    def __init__(self, props: _Props, name: str, value: object | None, data_type: str | None):
        self.props, self.name, self.value, self.data_type = props, name, value, data_type
        self._stack: list = []

    def __enter__(self) -> _Props:
        out = self.props.out
        attrib = {"name": self.name} | ({"dataType": self.data_type} if self.data_type else {})
        prop = out.element(_t("property"), attrib)
        prop.__enter__()
        if self.value is not None:
            out.leaf(_t("value"), self.value)
        props = out.element(_t("properties"))
        props.__enter__()
        self._stack = [props, prop]
        return self.props

    def __exit__(self, *exc_info) -> None:
        for context in self._stack:
            context.__exit__(None, None, None)


def _file(p: _Props, name: str, digest: FileDigest, xml: bool = True) -> None:
    with p.group("file"):
        p.value("name", name)
        if xml:
            with p.group("format", "XML"):
                p.value("version", "1.0")
        with p.group("checksum"):
            p.value("algorithm", "SHA-256")
            p.value("value", digest.sha256)


def _schema(p: _Props, name: str, digest: FileDigest, main: bool) -> None:
    with p.group("schema", "main" if main else None):
        _file(p, name, digest)
        with p.group("type", "XML Schema"):
            p.value("version", "1.0")


def _occurrences(p: _Props, element: str, count: int) -> None:
    with p.group("numberOfOccurrences", element):
        p.value("elementPath", f"//{element}")
        p.value("value", count, "integer")


def write_addml(
    export: ArchiveExport,
    root: Path,
    coverage: Coverage,
    files: dict[str, FileDigest],
    schemas: dict[str, FileDigest],
    manifest: FileDigest,
    documents: Spool,
) -> FileDigest:
    start = export.period_start or coverage.first_entry
    end = export.period_end or coverage.last_entry
    nsmap = {None: NS, "xsi": std.NS_XSI}
    with xml_file(root, "arkivuttrekk.xml") as out:
        p = _Props(out)
        attrib = {
            f"{{{std.NS_XSI}}}schemaLocation": f"{NS} addml.xsd",
            "name": "Noark 5-arkivuttrekk",
        }
        with out.element(_t("addml"), attrib, nsmap=nsmap), out.element(_t("dataset")):
            out.leaf(_t("description"), "Noark 5-arkivuttrekk")
            with out.element(_t("reference")):
                _reference(out, p, export, iso_date(start), iso_date(end))
            with (
                out.element(_t("dataObjects")),
                out.element(_t("dataObject"), {"name": "Noark 5-arkivuttrekk"}),
            ):
                with out.element(_t("properties")):
                    _info(p, coverage)
                with out.element(_t("dataObjects")):
                    counts = {
                        "arkivstruktur": [
                            ("mappe", coverage.cases),
                            ("registrering", coverage.entries),
                        ],
                        "endringslogg": [("endring", max(coverage.changes, 1))],
                        "loependeJournal": [("journalregistrering", coverage.entries)],
                        "offentligJournal": [("journalregistrering", coverage.entries)],
                    }
                    for name, digest in files.items():
                        with (
                            out.element(_t("dataObject"), {"name": name}),
                            out.element(_t("properties")),
                        ):
                            _file(p, f"{name}.xml", digest)
                            _schema(p, f"{name}.xsd", schemas[f"{name}.xsd"], True)
                            _schema(p, "metadatakatalog.xsd", schemas["metadatakatalog.xsd"], False)
                            with p.group("info"):
                                for element, count in counts[name]:
                                    _occurrences(p, element, count)
                    _listing(
                        out,
                        p,
                        OTHER_OBJECT,
                        [("addml.xsd", schemas["addml.xsd"]), (manifest.path, manifest)],
                    )
                    _listing(
                        out,
                        p,
                        DOCUMENTS_OBJECT,
                        ((row["path"], FileDigest(**row)) for row in documents),
                        xml=False,
                    )
    return out.digest


def _reference(out: XmlOut, p: _Props, export: ArchiveExport, start: str, end: str) -> None:
    with out.element(_t("context")), out.element(_t("additionalElements")):
        with (
            out.element(_t("additionalElement"), {"name": "recordCreators"}),
            out.element(_t("additionalElements")),
            out.element(_t("additionalElement"), {"name": "recordCreator"}),
        ):
            out.leaf(_t("value"), export.organisation.name)
        for name, value in (
            ("systemType", "Sakarkiv (Noark-5)"),
            ("systemName", export.software),
            ("archive", export.archive_title),
        ):
            with out.element(_t("additionalElement"), {"name": name}):
                out.leaf(_t("value"), value)
    with (
        out.element(_t("content")),
        out.element(_t("additionalElements")),
        out.element(_t("additionalElement"), {"name": "archivalPeriod"}),
        out.element(_t("properties")),
    ):
        p.value("startDate", start)
        p.value("endDate", end)


def _info(p: _Props, coverage: Coverage) -> None:
    with p.group("info"):
        with p.group("type", "Noark 5"):
            p.value("version", "5.0")
        with p.group("additionalInfo"):
            with p.group("periode"):
                p.value("inngaaendeSkille", "skarpt")
                p.value("utgaaendeSkille", "skarpt")
            p.value(
                "inneholderSkjermetInformasjon",
                str(coverage.confidential_entries > 0).lower(),
                "boolean",
            )
            p.value("omfatterDokumenterSomErKassert", "false", "boolean")
            p.value("inneholderDokumenterSomSkalKasseres", "false", "boolean")
            p.value("inneholderVirksomhetsspesifikkeMetadata", "false", "boolean")
            p.value("antallDokumentfiler", coverage.documents, "integer")


def _listing(out: XmlOut, p: _Props, name: str, files, xml: bool = True) -> None:
    with out.element(_t("dataObject"), {"name": name}), out.element(_t("properties")):
        for path, digest in files:
            _file(p, path, digest, xml=xml and path.endswith((".xml", ".xsd")))
