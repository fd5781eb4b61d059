"""E-ARK (CSIP/SIP 2.1) package checks: METS against mets.xsd with the DILCIS extensions, the
CSIP rules of :mod:`csip`, every fileSec/mdRef checksum, representation METS files, ERMS
descriptive metadata against ERMS.xsd, and no file left unlisted (CSIP58)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.validate.csip import XLINK, M, check_mets
from civicdesk.records.archive.validate.files import check_file, check_unlisted, inside
from civicdesk.records.archive.validate.problem import Report
from civicdesk.records.archive.validate.xmlcheck import check_schema, root_tag

METS_SCHEMAS = (std.METS_XSD, std.CSIP_EXT_XSD, std.SIP_EXT_XSD, std.XLINK_XSD)


def mets_schema() -> etree.XMLSchema:
    return std.load_schema(*METS_SCHEMAS)


def validate_eark(root: Path) -> list:
    report = Report(root)
    listed = {"METS.xml"}
    _check_mets_file(report, root, "METS.xml", listed, package=True)
    check_unlisted(report, root, listed, "CSIP58")
    return report.problems


def _check_mets_file(report: Report, root: Path, rel: str, listed: set[str], package: bool):
    check_schema(root / rel, mets_schema(), report, rel, "METS + DILCIS extensions")
    try:
        tree = etree.parse(str(root / rel), std.offline_parser())
    except (etree.XMLSyntaxError, OSError):
        return  # reported by check_schema
    mets = tree.getroot()
    if mets.tag != f"{M}mets":
        report.add(rel, "CSIPSTR4: METS.xml has no <mets> root element")
        return
    check_mets(report, rel, mets)
    base = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
    for ref in mets.iterfind(f"{M}dmdSec/{M}mdRef"):
        _check_reference(report, root, base, ref, rel, listed)
    for ref in mets.iterfind(f"{M}amdSec/*/{M}mdRef"):
        _check_reference(report, root, base, ref, rel, listed)
    for file in mets.iter(f"{M}file"):
        for location in file.iterfind(f"{M}FLocat"):
            href = location.get(f"{XLINK}href")
            if not href:
                continue
            target = base + href
            listed.add(target)
            check_file(
                report,
                root,
                target,
                file.get("CHECKSUM"),
                file.get("CHECKSUMTYPE") or "SHA-256",
                size=file.get("SIZE"),
                rule="CSIP71",
                listed_in=rel,
            )
            path = inside(root, target)
            if package and target.endswith("/METS.xml") and path and path.is_file():
                _check_mets_file(report, root, target, listed, package=False)


def _check_reference(report, root, base, ref, rel, listed) -> None:
    href = ref.get(f"{XLINK}href")
    if not href:
        return
    target = base + href
    listed.add(target)
    if not check_file(
        report,
        root,
        target,
        ref.get("CHECKSUM"),
        ref.get("CHECKSUMTYPE") or "SHA-256",
        size=ref.get("SIZE"),
        rule="CSIP29",
        listed_in=rel,
    ):
        return
    path = inside(root, target)
    if path is not None and root_tag(path) == f"{{{std.NS_ERMS}}}erms":
        check_schema(path, std.load_schema(std.ERMS_XSD), report, target, "CITS ERMS 2.1.2")
