"""E-ARK CSIP 2.1 / SIP 2.1 rules that the METS schema alone does not check.

Each check names its requirement ID from the CSIP and SIP METS profiles
(``sweden-fgs/e-ark-csip/profile/E-ARK-CSIP-v2-1-0.xml``). Only MUST-level requirements are
problems; SHOULD-level ones (CSIP4 CONTENTINFORMATIONTYPE, CSIP17 dmdSec, CSIP58 fileSec) are
what Civicdesk's own writer follows but a valid package may omit. SIP rules apply when the
package declares the SIP profile (SIP2).
"""

from __future__ import annotations

from civicdesk.records.archive import standards as std
from civicdesk.records.archive.validate.problem import Report

M = f"{{{std.NS_METS}}}"
CSIP = f"{{{std.NS_CSIP}}}"
XLINK = f"{{{std.NS_XLINK}}}"
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
FILE_ATTRIBUTES = (
    ("ID", "CSIP67"),
    ("MIMETYPE", "CSIP68"),
    ("SIZE", "CSIP69"),
    ("CREATED", "CSIP70"),
    ("CHECKSUM", "CSIP71"),
    ("CHECKSUMTYPE", "CSIP72"),
)
MDREF_ATTRIBUTES = (
    ("LOCTYPE", "22"),
    (f"{XLINK}type", "23"),
    (f"{XLINK}href", "24"),
    ("MDTYPE", "25"),
    ("MIMETYPE", "26"),
    ("SIZE", "27"),
    ("CREATED", "28"),
    ("CHECKSUM", "29"),
    ("CHECKSUMTYPE", "30"),
)


def _line(element) -> int | None:
    return element.sourceline


def check_root(report: Report, rel: str, mets) -> None:
    """CSIP1, CSIP2, CSIP6 on ``<mets>``; SIP2 when it claims the SIP profile."""
    for attribute, rule, what in (
        ("OBJID", "CSIP1", "package identifier"),
        ("TYPE", "CSIP2", "content category"),
        ("PROFILE", "CSIP6", "METS profile"),
    ):
        if not (mets.get(attribute) or "").strip():
            report.add(rel, f"{rule}: mets/@{attribute} ({what}) is missing or empty", _line(mets))
    if mets.get("TYPE") == "OTHER" and not mets.get(f"{CSIP}OTHERTYPE"):
        report.add(
            rel, "CSIP3: mets/@TYPE is OTHER but mets/@csip:OTHERTYPE is missing", _line(mets)
        )
    if mets.get(f"{CSIP}CONTENTINFORMATIONTYPE") == "OTHER" and not mets.get(
        f"{CSIP}OTHERCONTENTINFORMATIONTYPE"
    ):
        report.add(
            rel,
            "CSIP5: CONTENTINFORMATIONTYPE is OTHER without csip:OTHERCONTENTINFORMATIONTYPE",
            _line(mets),
        )


def check_header(report: Report, rel: str, mets, sip: bool) -> None:
    """CSIP117 metsHdr, CSIP7 CREATEDATE, CSIP9 OAISPACKAGETYPE, CSIP10–16 software agent,
    SIP4 OAISPACKAGETYPE = SIP."""
    header = mets.find(f"{M}metsHdr")
    if header is None:
        report.add(rel, "CSIP117: mets/metsHdr is missing", _line(mets))
        return
    if not header.get("CREATEDATE"):
        report.add(rel, "CSIP7: metsHdr/@CREATEDATE is missing", _line(header))
    package_type = header.get(f"{CSIP}OAISPACKAGETYPE")
    if not package_type:
        report.add(rel, "CSIP9: metsHdr/@csip:OAISPACKAGETYPE is missing", _line(header))
    elif sip and package_type != "SIP":
        report.add(
            rel,
            f"SIP4: metsHdr/@csip:OAISPACKAGETYPE is {package_type!r}, not 'SIP'",
            _line(header),
        )
    software = [
        agent
        for agent in header.iterfind(f"{M}agent")
        if agent.get("ROLE") == "CREATOR"
        and agent.get("TYPE") == "OTHER"
        and agent.get("OTHERTYPE") == "SOFTWARE"
    ]
    if not software:
        report.add(
            rel,
            "CSIP10–13: metsHdr has no agent with ROLE=CREATOR, TYPE=OTHER, OTHERTYPE=SOFTWARE",
            _line(header),
        )
        return
    agent = software[0]
    if not (agent.findtext(f"{M}name") or "").strip():
        report.add(rel, "CSIP14: the software agent has no name", _line(agent))
    notes = [
        n for n in agent.iterfind(f"{M}note") if n.get(f"{CSIP}NOTETYPE") == "SOFTWARE VERSION"
    ]
    if not notes:
        report.add(
            rel,
            "CSIP15–16: the software agent has no note with csip:NOTETYPE='SOFTWARE VERSION'",
            _line(agent),
        )


def check_metadata(report: Report, rel: str, mets) -> None:
    """CSIP18–30 (dmdSec) and CSIP33–44 (digiprovMD): identifiers and mdRef attributes."""
    for section in mets.iterfind(f"{M}dmdSec"):
        if not section.get("ID"):
            report.add(rel, "CSIP18: dmdSec/@ID is missing", _line(section))
        if not section.get("CREATED"):
            report.add(rel, "CSIP19: dmdSec/@CREATED is missing", _line(section))
        _check_mdrefs(report, rel, section, first=22)
    for section in mets.iterfind(f"{M}amdSec/{M}digiprovMD"):
        if not section.get("ID"):
            report.add(rel, "CSIP33: digiprovMD/@ID is missing", _line(section))
        _check_mdrefs(report, rel, section, first=36)


def _check_mdrefs(report: Report, rel: str, section, first: int) -> None:
    for ref in section.iterfind(f"{M}mdRef"):
        for offset, (attribute, _number) in enumerate(MDREF_ATTRIBUTES):
            if not ref.get(attribute):
                name = attribute.replace(XLINK, "xlink:")
                report.add(rel, f"CSIP{first + offset}: mdRef/@{name} is missing", _line(ref))


def check_files(report: Report, rel: str, mets) -> dict[str, str]:
    """CSIP59 fileSec ID, CSIP64–65 fileGrp USE/ID, CSIP66–72 file attributes, CSIP76–79
    FLocat. Returns {fileGrp ID: USE}."""
    groups: dict[str, str] = {}
    file_sec = mets.find(f"{M}fileSec")
    if file_sec is None:
        return groups
    if not file_sec.get("ID"):
        report.add(rel, "CSIP59: fileSec/@ID is missing", _line(file_sec))
    for group in file_sec.iter(f"{M}fileGrp"):
        if not group.get("USE"):
            report.add(rel, "CSIP64: fileGrp/@USE is missing", _line(group))
        if not group.get("ID"):
            report.add(rel, "CSIP65: fileGrp/@ID is missing", _line(group))
        else:
            groups[group.get("ID")] = group.get("USE") or ""
        for file in group.iterfind(f"{M}file"):
            for attribute, rule in FILE_ATTRIBUTES:
                if not file.get(attribute):
                    report.add(rel, f"{rule}: file/@{attribute} is missing", _line(file))
            locations = file.findall(f"{M}FLocat")
            if not locations:
                report.add(rel, "CSIP76: file has no FLocat", _line(file))
            for location in locations:
                if location.get("LOCTYPE") != "URL":
                    report.add(rel, "CSIP77: FLocat/@LOCTYPE must be URL", _line(location))
                if location.get(f"{XLINK}type") != "simple":
                    report.add(rel, "CSIP78: FLocat/@xlink:type must be simple", _line(location))
                if not location.get(f"{XLINK}href"):
                    report.add(rel, "CSIP79: FLocat/@xlink:href is missing", _line(location))
    return groups


def check_struct_map(report: Report, rel: str, mets, groups: dict[str, str]) -> None:
    """CSIP80–90 structMap and its divisions; CSIP96/100/104/108: each Documentation, Schemas
    and Representations file group is pointed to from the structMap."""
    maps = [s for s in mets.iterfind(f"{M}structMap") if s.get("LABEL") == "CSIP"]
    if not maps:
        report.add(rel, "CSIP80–82: no structMap with LABEL='CSIP'", _line(mets))
        return
    struct = maps[0]
    if struct.get("TYPE") != "PHYSICAL":
        report.add(rel, "CSIP81: structMap/@TYPE must be PHYSICAL", _line(struct))
    if not struct.get("ID"):
        report.add(rel, "CSIP83: structMap/@ID is missing", _line(struct))
    mains = struct.findall(f"{M}div")
    if len(mains) != 1:
        report.add(rel, "CSIP84: the CSIP structMap must have exactly one main div", _line(struct))
        return
    main = mains[0]
    if not main.get("ID"):
        report.add(rel, "CSIP85: the main div has no @ID", _line(main))
    children = main.findall(f"{M}div")
    for child in children:
        if not child.get("ID"):
            report.add(
                rel, f"CSIP89/94/98/102/106: div {child.get('LABEL')!r} has no @ID", _line(child)
            )
    if not any(child.get("LABEL") == "Metadata" for child in children):
        report.add(rel, "CSIP88/90: no div with LABEL='Metadata'", _line(main))
    pointed = {ptr.get("FILEID") for ptr in main.iter(f"{M}fptr")}
    for group_id, use in groups.items():
        head = use.split("/")[0]
        rule = {"Documentation": "CSIP96", "Schemas": "CSIP100", "Representations": "CSIP108"}.get(
            head
        )
        if rule and group_id not in pointed:
            report.add(
                rel,
                f"{rule}: file group {use!r} is not referenced by an fptr in the structMap",
                _line(struct),
            )


def check_mets(report: Report, rel: str, mets) -> None:
    """Every CSIP/SIP rule above on one METS document."""
    sip = mets.get("PROFILE") == SIP_PROFILE
    check_root(report, rel, mets)
    check_header(report, rel, mets, sip)
    check_metadata(report, rel, mets)
    groups = check_files(report, rel, mets)
    check_struct_map(report, rel, mets, groups)
