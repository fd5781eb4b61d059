"""E-ARK SIP 2.1 (= Swedish FGS Paketstruktur 2.0) with CITS ERMS 2.1.2 descriptive metadata.

Layout (CSIP section 4, high-level structure)::

    METS.xml                                  package METS (CSIP1–119, SIP1–31)
    metadata/descriptive/erms.xml             cases and records, CITS ERMS 2.1.2
    representations/rep1/METS.xml             representation METS listing every document
    representations/rep1/data/…               each entry's text, payload and attachments
    schemas/                                  mets, xlink, DILCIS extensions, ERMS (copied)
    documentation/civicdesk-manifest.json     what the package covers, the log's chain head

Every file is listed in a METS fileSec (or dmdSec) with its SHA-256. The OBJID is the package
folder's name (CSIP1). Rules: A1 (exportable to the national archive), A4 (diary numbers).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from civicdesk.core.exceptions import InvalidInput
from civicdesk.records.archive import standards as std
from civicdesk.records.archive.checksums import FileDigest
from civicdesk.records.archive.coverage import MANIFEST, Coverage, write_manifest
from civicdesk.records.archive.docwriter import DocumentWriter
from civicdesk.records.archive.erms import write_erms
from civicdesk.records.archive.layout import EntryDocument, document_path
from civicdesk.records.archive.mets import (
    NSMAP,
    csip,
    m,
    root_attrib,
    write_file,
    write_header,
    xlink,
    xml_id,
)
from civicdesk.records.archive.package import PackageResult, copy_schema, prepare_output
from civicdesk.records.archive.spool import Spool
from civicdesk.records.archive.types import ArchiveExport, RecordEntry
from civicdesk.records.archive.xmlwrite import XmlOut, iso_datetime, xml_file

FORMAT = "eark"
STANDARD = "E-ARK SIP 2.1 / CITS ERMS 2.1.2"
REP = "representations/rep1"
REP_USE = "Representations/rep1"  # fileGrp USE and structMap div LABEL (CSIP64, CSIP107)
ERMS_FILE = "metadata/descriptive/erms.xml"
MANIFEST_FILE = f"documentation/{MANIFEST}"
SCHEMAS = {
    "schemas/mets.xsd": std.METS_XSD,
    "schemas/xlink.xsd": std.XLINK_XSD,
    "schemas/DILCISExtensionMETS.xsd": std.CSIP_EXT_XSD,
    "schemas/DILCISExtensionSIPMETS.xsd": std.SIP_EXT_XSD,
    "schemas/ERMS.xsd": std.ERMS_XSD,
}


def write_eark(
    export: ArchiveExport, out_dir: Path, standards: Path | None = None
) -> PackageResult:
    """Write a complete SIP of ``export`` into the new folder ``out_dir`` (its name = OBJID)."""
    root = prepare_output(out_dir)
    standards = standards or std.standards_dir()
    coverage = Coverage()
    objid = root.resolve().name
    with Spool() as documents, DocumentWriter(root) as files:

        def store(entry: RecordEntry, doc: EntryDocument) -> tuple[str, FileDigest]:
            relative = document_path(f"{REP}/data", entry, doc)
            digest = files.write(doc.document.stream(), relative)
            coverage.add_document(digest)
            documents.append(
                {
                    "path": digest.path,
                    "size": digest.size,
                    "sha256": digest.sha256,
                    "mime": doc.document.mime_type,
                    "created": iso_datetime(doc.document.created or entry.created),
                }
            )
            return relative, digest

        erms = write_erms(export, root, ERMS_FILE, coverage, store)
        if coverage.entries == 0:
            raise InvalidInput("nothing to export: the package would hold no records")
        rep_mets = _write_representation(export, root, documents)
    schemas = {dest: copy_schema(standards, src, root, dest) for dest, src in SCHEMAS.items()}
    manifest = write_manifest(root, MANIFEST_FILE, FORMAT, STANDARD, export, coverage)
    _write_package_mets(export, root, objid, erms, rep_mets, schemas, manifest)
    return PackageResult(FORMAT, root, coverage, manifest)


def _write_representation(export: ArchiveExport, root: Path, documents: Spool) -> FileDigest:
    grp = xml_id(REP, "data")
    with (
        xml_file(root, f"{REP}/METS.xml") as out,
        out.element(m("mets"), root_attrib("rep1", "Representation rep1"), nsmap=NSMAP),
    ):
        write_header(out, export.created, export.software, export.software_version)
        with (
            out.element(m("fileSec"), {"ID": xml_id(REP, "fileSec")}),
            out.element(m("fileGrp"), {"ID": grp, "USE": "Data"}),
        ):
            for row in documents:
                href = row["path"].removeprefix(f"{REP}/")
                digest = FileDigest(row["path"], row["size"], row["sha256"])
                write_file(
                    out,
                    xml_id(row["path"]),
                    row["mime"],
                    digest,
                    datetime.fromisoformat(row["created"]),
                    href,
                )
        _struct_map(out, "rep1", [("Data", grp)], metadata_dmd=None)
    return out.digest


def _struct_map(
    out: XmlOut,
    label: str,
    divisions: list[tuple[str, str]],
    metadata_dmd: str | None,
    reps: list[tuple[str, str, str]] = (),
) -> None:
    """CSIP80–119: one PHYSICAL structMap labelled CSIP, a main div, a Metadata div, a div per
    file group (fptr), and per representation a div with an mptr to its METS."""
    with (
        out.element(
            m("structMap"), {"ID": xml_id(label, "structMap"), "TYPE": "PHYSICAL", "LABEL": "CSIP"}
        ),
        out.element(m("div"), {"ID": xml_id(label, "div"), "LABEL": label}),
    ):
        meta = {"ID": xml_id(label, "div", "Metadata"), "LABEL": "Metadata"}
        if metadata_dmd:
            meta["DMDID"] = metadata_dmd
        out.empty(m("div"), meta)
        for div_label, grp in divisions:
            with out.element(m("div"), {"ID": xml_id(label, "div", div_label), "LABEL": div_label}):
                out.empty(m("fptr"), {"FILEID": grp})
        for div_label, grp, href in reps:
            with out.element(m("div"), {"ID": xml_id(label, "div", div_label), "LABEL": div_label}):
                out.empty(
                    m("mptr"),
                    {
                        "LOCTYPE": "URL",
                        xlink("type"): "simple",
                        xlink("href"): href,
                        xlink("title"): grp,
                    },
                )
                out.empty(m("fptr"), {"FILEID": grp})


def _write_package_mets(export, root, objid, erms, rep_mets, schemas, manifest) -> None:
    org = export.organisation
    created = export.created
    dmd = xml_id(objid, "dmd", "erms")
    groups = {
        "Documentation": xml_id(objid, "Documentation"),
        "Schemas": xml_id(objid, "Schemas"),
        REP_USE: xml_id(objid, REP),
    }
    with (
        xml_file(root, "METS.xml") as out,
        out.element(m("mets"), root_attrib(objid, export.archive_title), nsmap=NSMAP),
    ):
        write_header(
            out,
            created,
            export.software,
            export.software_version,
            archivist=(org.name, org.code),
        )
        with out.element(
            m("dmdSec"), {"ID": dmd, "CREATED": iso_datetime(created), "STATUS": "CURRENT"}
        ):
            out.empty(
                m("mdRef"),
                {
                    "LOCTYPE": "URL",
                    xlink("type"): "simple",
                    xlink("href"): ERMS_FILE,
                    "MDTYPE": "OTHER",
                    "OTHERMDTYPE": "ERMS",
                    "MIMETYPE": "application/xml",
                    "SIZE": str(erms.size),
                    "CREATED": iso_datetime(created),
                    "CHECKSUM": erms.sha256,
                    "CHECKSUMTYPE": "SHA-256",
                },
            )
        with out.element(m("fileSec"), {"ID": xml_id(objid, "fileSec")}):
            with out.element(m("fileGrp"), {"ID": groups["Documentation"], "USE": "Documentation"}):
                write_file(
                    out,
                    xml_id(objid, manifest.path),
                    "application/json",
                    manifest,
                    created,
                    manifest.path,
                )
            with out.element(m("fileGrp"), {"ID": groups["Schemas"], "USE": "Schemas"}):
                for path, digest in schemas.items():
                    write_file(out, xml_id(objid, path), "application/xml", digest, created, path)
            with out.element(
                m("fileGrp"),
                {
                    "ID": groups[REP_USE],
                    "USE": REP_USE,
                    csip("CONTENTINFORMATIONTYPE"): "citserms_v2_1",
                },
            ):
                write_file(
                    out,
                    xml_id(objid, rep_mets.path),
                    "application/xml",
                    rep_mets,
                    created,
                    rep_mets.path,
                )
        _struct_map(
            out,
            objid,
            [("Documentation", groups["Documentation"]), ("Schemas", groups["Schemas"])],
            metadata_dmd=dmd,
            reps=[(REP_USE, groups[REP_USE], rep_mets.path)],
        )
