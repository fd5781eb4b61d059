"""Noark 5 extraction checks, in the order Arkade 5 runs them: presence, checksums (ADDML
arkivuttrekk.xml and each dokumentobjekt's ``sjekksum``), XSD validity, then nothing unlisted."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.coverage import MANIFEST
from civicdesk.records.archive.validate.files import check_file, check_manifest, check_unlisted
from civicdesk.records.archive.validate.problem import Report
from civicdesk.records.archive.validate.xmlcheck import check_schema

REQUIRED = (
    "arkivuttrekk.xml",
    "arkivstruktur.xml",
    "endringslogg.xml",
    "loependeJournal.xml",
    "offentligJournal.xml",
)
NS_ADDML = f"{{{std.NS_ADDML}}}"
NS_STRUCTURE = f"{{{std.NS_NOARK}arkivstruktur}}"


def schema_for(tag: str, root: Path | None = None):
    """The official schema for a Noark 5 or ADDML root element, or None."""
    namespace = tag[1:].split("}")[0] if tag.startswith("{") else ""
    if namespace == std.NS_ADDML:
        relative = std.ADDML_XSD if root is None else "addml.xsd"
        return std.load_schema(relative, root=root), "ADDML 8.3"
    if namespace.startswith(std.NS_NOARK):
        name = namespace.removeprefix(std.NS_NOARK)
        if name in ("arkivstruktur", "endringslogg", "loependeJournal", "offentligJournal"):
            relative = f"{std.NOARK5_XSD}/{name}.xsd" if root is None else f"{name}.xsd"
            return std.load_schema(relative, root=root), f"Noark 5 v5.0 {name}.xsd"
    return None, ""


def _schemas_root(root: Path) -> Path | None:
    """None means "use the official schemas"; without them, the package's own copies."""
    return None if std.find_standards_dir() else root


def validate_noark5(root: Path) -> list:
    report = Report(root)
    for name in REQUIRED:
        if not (root / name).is_file():
            report.add(name, "Noark 5: required file of an extraction is missing")
    listed = {"arkivuttrekk.xml"}
    if (root / "arkivuttrekk.xml").is_file():
        _check_addml(report, root, listed)
    own = _schemas_root(root)
    for name in REQUIRED:
        if (root / name).is_file():
            namespace = std.NS_ADDML if name == "arkivuttrekk.xml" else std.NS_NOARK + name[:-4]
            schema, label = schema_for(f"{{{namespace}}}root", own)
            check_schema(root / name, schema, report, name, label)
    if (root / "arkivstruktur.xml").is_file():
        _check_documents(report, root, listed)
    if (root / MANIFEST).is_file():
        check_manifest(report, root)
    check_unlisted(report, root, listed, "Noark 5")
    return report.problems


def _props(element) -> dict:
    """{name: element} of a ``property``'s direct child properties."""
    return {
        child.get("name"): child
        for child in element.iterfind(f"{NS_ADDML}properties/{NS_ADDML}property")
    }


def _value(element) -> str | None:
    return element.findtext(f"{NS_ADDML}value") if element is not None else None


def _check_addml(report: Report, root: Path, listed: set[str]) -> None:
    try:
        for _event, element in etree.iterparse(
            str(root / "arkivuttrekk.xml"),
            events=("end",),
            tag=f"{NS_ADDML}property",
            no_network=True,
            resolve_entities=False,
            huge_tree=True,
        ):
            if element.get("name") != "file":
                continue
            props = _props(element)
            name = _value(props.get("name"))
            checksum = _props(props["checksum"]) if "checksum" in props else {}
            if name:
                listed.add(name)
                check_file(
                    report,
                    root,
                    name,
                    _value(checksum.get("value")),
                    _value(checksum.get("algorithm")) or "SHA-256",
                    rule="ADDML",
                    listed_in="arkivuttrekk.xml",
                )
            element.clear(keep_tail=True)
    except etree.XMLSyntaxError as error:
        report.add("arkivuttrekk.xml", f"not well-formed XML: {error.msg}", error.lineno)


def _check_documents(report: Report, root: Path, listed: set[str]) -> None:
    try:
        for _event, element in etree.iterparse(
            str(root / "arkivstruktur.xml"),
            events=("end",),
            tag=f"{NS_STRUCTURE}dokumentobjekt",
            no_network=True,
            resolve_entities=False,
            huge_tree=True,
        ):
            href = element.findtext(f"{NS_STRUCTURE}referanseDokumentfil")
            if href and href not in listed:
                listed.add(href)
                check_file(
                    report,
                    root,
                    href,
                    element.findtext(f"{NS_STRUCTURE}sjekksum"),
                    element.findtext(f"{NS_STRUCTURE}sjekksumAlgoritme") or "SHA-256",
                    size=element.findtext(f"{NS_STRUCTURE}filstoerrelse"),
                    rule="Noark 5 dokumentobjekt",
                    listed_in="arkivstruktur.xml",
                )
            element.clear(keep_tail=True)
    except etree.XMLSyntaxError:
        pass  # reported by the schema check
