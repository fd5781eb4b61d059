"""MDTO checks: every MDTO document against MDTO-XML 1.0.1, each ``bestand`` whose file sits
next to it (Civicdesk's layout) matches its size and checksum, and when a ``SHA256SUMS`` is
present every file matches it and none is unlisted."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.checksums import SUMS
from civicdesk.records.archive.coverage import MANIFEST
from civicdesk.records.archive.validate.files import (
    all_files,
    check_file,
    check_manifest,
    check_sums,
    check_unlisted,
)
from civicdesk.records.archive.validate.problem import Report
from civicdesk.records.archive.validate.xmlcheck import check_schema, root_tag

NS = f"{{{std.NS_MDTO}}}"
ALGORITHM = {
    "SHA256": "SHA-256",
    "SHA-256": "SHA-256",
    "SHA512": "SHA-512",
    "MD5": "MD5",
    "SHA1": "SHA-1",
    "SHA-1": "SHA-1",
    "SHA-512": "SHA-512",
}


def is_mdto(path: Path) -> bool:
    return root_tag(path) == f"{NS}MDTO"


def validate_mdto(root: Path) -> list:
    report = Report(root)
    schema = std.load_schema(std.MDTO_XSD)
    found = 0
    for relative in all_files(root):
        if not relative.endswith(".xml") or not is_mdto(root / relative):
            continue
        found += 1
        if check_schema(root / relative, schema, report, relative, "MDTO 1.0.1"):
            _check_bestand(report, root, relative)
    if not found:
        report.add("", "MDTO: no MDTO document found")
    if (root / SUMS).is_file():
        listed = {SUMS}
        check_sums(report, root, SUMS, listed)
        check_unlisted(report, root, listed, SUMS)
    if (root / MANIFEST).is_file():
        check_manifest(report, root)
    return report.problems


def _check_bestand(report: Report, root: Path, relative: str) -> None:
    tree = etree.parse(str(root / relative), std.offline_parser())
    bestand = tree.getroot().find(f"{NS}bestand")
    if bestand is None:
        return
    name = bestand.findtext(f"{NS}naam") or ""
    folder = relative.rsplit("/", 1)[0] + "/" if "/" in relative else ""
    if not name or "/" in name or not (root / (folder + name)).is_file():
        return  # the file lives elsewhere (URLBestand); nothing local to compare
    checksum = bestand.find(f"{NS}checksum")
    label = (
        checksum.findtext(f"{NS}checksumAlgoritme/{NS}begripLabel")
        if checksum is not None
        else None
    )
    check_file(
        report,
        root,
        folder + name,
        checksum.findtext(f"{NS}checksumWaarde") if checksum is not None else None,
        ALGORITHM.get((label or "").upper(), label or "SHA-256"),
        size=bestand.findtext(f"{NS}omvang"),
        rule="MDTO checksum",
        listed_in=relative,
    )
