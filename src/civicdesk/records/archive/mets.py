"""METS writing shared by the E-ARK package METS and the representation METS (CSIP 2.1).

Attribute sets follow the CSIP requirement IDs named in each helper; :mod:`validate.csip`
checks the same rules on any package.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.checksums import FileDigest
from civicdesk.records.archive.xmlwrite import XmlOut, iso_datetime

CSIP_PROFILE = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_TYPE = "citserms_v2_1"
CONTENT_CATEGORY = "Mixed"
NSMAP = {
    None: std.NS_METS,
    "csip": std.NS_CSIP,
    "sip": std.NS_SIP,
    "xlink": std.NS_XLINK,
    "xsi": std.NS_XSI,
}
SCHEMA_LOCATION = " ".join(
    [
        std.NS_METS,
        "schemas/mets.xsd",
        std.NS_XLINK,
        "schemas/xlink.xsd",
        std.NS_CSIP,
        "schemas/DILCISExtensionMETS.xsd",
        std.NS_SIP,
        "schemas/DILCISExtensionSIPMETS.xsd",
    ]
)


def m(tag: str) -> str:
    return f"{{{std.NS_METS}}}{tag}"


def csip(name: str) -> str:
    return f"{{{std.NS_CSIP}}}{name}"


def xlink(name: str) -> str:
    return f"{{{std.NS_XLINK}}}{name}"


def xml_id(*parts: object) -> str:
    """A stable xml:ID (an NCName, unique in the package) derived from ``parts``."""
    return "ID-" + uuid.uuid5(uuid.NAMESPACE_URL, "/".join(map(str, parts))).hex


def root_attrib(objid: str, label: str) -> dict[str, str]:
    """CSIP1 OBJID, CSIP2 TYPE, CSIP4 CONTENTINFORMATIONTYPE, CSIP6/SIP2 PROFILE."""
    return {
        "OBJID": objid,
        "LABEL": label,
        "TYPE": CONTENT_CATEGORY,
        csip("CONTENTINFORMATIONTYPE"): CONTENT_TYPE,
        "PROFILE": SIP_PROFILE,
        f"{{{std.NS_XSI}}}schemaLocation": SCHEMA_LOCATION,
    }


def write_header(
    out: XmlOut,
    created: datetime,
    software: str,
    version: str,
    archivist: tuple[str, str] | None = None,
) -> None:
    """CSIP117 metsHdr, CSIP7 CREATEDATE, CSIP9/SIP4 OAISPACKAGETYPE, CSIP10–16 software agent,
    SIP9–14 archival creator agent, SIP15–20 submitting agent."""
    stamp = iso_datetime(created)
    attrib = {
        "CREATEDATE": stamp,
        "LASTMODDATE": stamp,
        "RECORDSTATUS": "NEW",
        csip("OAISPACKAGETYPE"): "SIP",
    }
    with out.element(m("metsHdr"), attrib):
        with out.element(m("agent"), {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"}):
            out.leaf(m("name"), software)
            out.leaf(m("note"), version, {csip("NOTETYPE"): "SOFTWARE VERSION"})
        if archivist:
            name, code = archivist
            for role in ("ARCHIVIST", "CREATOR"):
                with out.element(m("agent"), {"ROLE": role, "TYPE": "ORGANIZATION"}):
                    out.leaf(m("name"), name)
                    out.leaf(m("note"), code, {csip("NOTETYPE"): "IDENTIFICATIONCODE"})


def file_attrib(file_id: str, mime: str, digest: FileDigest, created: datetime) -> dict[str, str]:
    """CSIP67–72: ID, MIMETYPE, SIZE, CREATED, CHECKSUM, CHECKSUMTYPE."""
    return {
        "ID": file_id,
        "MIMETYPE": mime,
        "SIZE": str(digest.size),
        "CREATED": iso_datetime(created),
        "CHECKSUM": digest.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }


def write_file(
    out: XmlOut, file_id: str, mime: str, digest: FileDigest, created: datetime, href: str
) -> None:
    """A fileSec file with its FLocat (CSIP76–79)."""
    with out.element(m("file"), file_attrib(file_id, mime, digest, created)):
        out.empty(m("FLocat"), {"LOCTYPE": "URL", xlink("type"): "simple", xlink("href"): href})
