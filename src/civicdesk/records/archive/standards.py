"""Where the official schemas are, and how to load them offline.

The schemas are not part of the repository: they live in ``shared/standards`` next to it (see
its README), or wherever ``CIVICDESK_STANDARDS_DIR`` points. Writers copy the schemas a package
needs into the package (Noark 5 and E-ARK both expect that); validators load the official copies.
Remote imports (METS imports ``http://www.loc.gov/standards/xlink/xlink.xsd``) are resolved to
local files and the parser never touches the network.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from lxml import etree

from civicdesk.core.exceptions import CivicdeskError

ENV = "CIVICDESK_STANDARDS_DIR"

NOARK5_XSD = "noark5/xsd/v5.0"
ADDML_XSD = "noark5/xsd/addml-v8.3/addml.xsd"
METS_XSD = "sweden-fgs/e-ark-csip/schema/mets.xsd"
CSIP_EXT_XSD = "sweden-fgs/e-ark-csip/schema/DILCISExtensionMETS.xsd"
SIP_EXT_XSD = "sweden-fgs/e-ark-sip/schema/DILCISExtensionSIPMETS.xsd"
XLINK_XSD = "sweden-fgs/e-ark-ip-test-corpus/CSIP/CSIP1/valid/minimal_IP_with_1_representation/schemas/xlink.xsd"  # noqa: E501
ERMS_XSD = "sweden-fgs/cits-erms/schema/ERMS.xsd"
MDTO_XSD = "netherlands-mdto/schema/v1.0.1/MDTO-XML1.0.1.xsd"

NS_METS = "http://www.loc.gov/METS/"
NS_CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
NS_SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
NS_XLINK = "http://www.w3.org/1999/xlink"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_ERMS = "https://DILCIS.eu/XML/ERMS"
NS_MDTO = "https://www.nationaalarchief.nl/mdto"
NS_ADDML = "http://www.arkivverket.no/standarder/addml"
NS_NOARK = "http://www.arkivverket.no/standarder/noark5/"

REMOTE_XLINK = (
    "http://www.loc.gov/standards/xlink/xlink.xsd",
    "https://www.loc.gov/standards/xlink/xlink.xsd",
    "http://www.w3.org/1999/xlink.xsd",
    "https://www.w3.org/1999/xlink.xsd",
)


class StandardsNotFoundError(CivicdeskError):
    code = "standards_not_found"


def find_standards_dir(start: Path | None = None) -> Path | None:
    """``$CIVICDESK_STANDARDS_DIR``, else the first ``shared/standards`` found walking up from
    ``start`` (default: this file); ``None`` when there is none."""
    configured = os.environ.get(ENV)
    if configured:
        path = Path(configured)
        return path if path.is_dir() else None
    here = (start or Path(__file__)).resolve()
    for parent in [here, *here.parents]:
        candidate = parent / "shared" / "standards"
        if (candidate / "README.md").is_file():
            return candidate
    return None


def standards_dir() -> Path:
    found = find_standards_dir()
    if found is None:
        raise StandardsNotFoundError(
            f"the official schemas were not found: set {ENV} or place shared/standards "
            "next to the repository"
        )
    return found


class _LocalResolver(etree.Resolver):
    """Maps the remote xlink schema to a local file; refuses nothing else (no network anyway)."""

    def __init__(self, xlink: Path):
        super().__init__()
        self.xlink = xlink

    def resolve(self, system_url, public_id, context):
        if system_url in REMOTE_XLINK or system_url.endswith("/xlink.xsd"):
            return self.resolve_filename(str(self.xlink), context)
        return None


def offline_parser(xlink: Path | None = None) -> etree.XMLParser:
    """A parser that never uses the network, resolves no entities and keeps huge text nodes."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
    if xlink is not None:
        parser.resolvers.add(_LocalResolver(xlink))
    return parser


@functools.lru_cache(maxsize=32)
def _load_schema(root: str, relatives: tuple[str, ...], xlink: str | None) -> etree.XMLSchema:
    base = Path(root)
    parser = offline_parser(Path(xlink) if xlink else None)
    if len(relatives) == 1:
        doc = etree.parse(str(base / relatives[0]), parser)
    else:
        # One schema that imports several namespaces: METS plus the DILCIS extensions, so
        # their attributes are checked strictly and not skipped as unknown.
        imports = []
        for relative in relatives:
            path = base / relative
            namespace = etree.parse(str(path), parser).getroot().get("targetNamespace")
            imports.append(
                f'<xs:import namespace="{namespace}" schemaLocation="{path.resolve().as_uri()}"/>'
            )
        wrapper = (
            '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
            + "".join(imports)
            + "</xs:schema>"
        )
        doc = etree.ElementTree(etree.fromstring(wrapper.encode(), parser))
    return etree.XMLSchema(doc)


def load_schema(*relatives: str, root: Path | None = None) -> etree.XMLSchema:
    """The XMLSchema for ``relatives`` (paths under the standards folder, or under ``root``)."""
    base = root or standards_dir()
    xlink = base / XLINK_XSD if (base / XLINK_XSD).is_file() else None
    if xlink is None and root is not None:
        official = find_standards_dir()
        xlink = official / XLINK_XSD if official else None
    return _load_schema(str(base), tuple(relatives), str(xlink) if xlink else None)
