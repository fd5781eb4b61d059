"""Checking a Civicdesk `warc` package: the manifest's checksums, no unlisted files, every
WARC record's block digest (ISO 28500 WARC-Block-Digest), and the WACZ beside them."""

import json
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from civicdesk.records.archive.checksums import file_checksum
from civicdesk.records.archive.validate.problem import Problem
from civicdesk.records.wacz import check_wacz

MANIFEST = "manifest.json"


def is_warc_package(root: Path) -> bool:
    manifest = root / MANIFEST
    if not manifest.is_file():
        return False
    try:
        return json.loads(manifest.read_text("utf-8")).get("format") == "warc"
    except (ValueError, UnicodeDecodeError):
        return False


def validate_warc_package(root: Path) -> list[Problem]:
    """One message per problem: checksums, unlisted files, and every record's block digest."""
    problems = []
    try:
        manifest = json.loads((root / MANIFEST).read_text("utf-8"))
        listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [Problem(str(root / MANIFEST), f"not a valid manifest ({error})")]
    for path in sorted((root / "warc").glob("*")):
        if f"warc/{path.name}" not in listed:
            problems.append(Problem(str(path), "not listed in the manifest"))
    for relative, expected in listed.items():
        path = root / relative
        if not path.is_file():
            problems.append(Problem(str(path), "listed in the manifest but missing"))
            continue
        if file_checksum(path) != expected:
            problems.append(Problem(str(path), "SHA-256 does not match the manifest"))
            continue
        problems.extend(_check_records(path))
    problems.extend(_check_wacz(root, manifest.get("wacz")))
    return problems


def _check_wacz(root: Path, listed) -> list[Problem]:
    """The WACZ the manifest names: its checksum, then its own hashes and index offsets."""
    if listed is None:
        return []  # packages written before the WACZ was added have none
    try:
        path = root / listed["path"]
        expected = listed["sha256"]
    except (KeyError, TypeError):
        return [Problem(str(root / MANIFEST), "the wacz entry needs a path and a sha256")]
    if path.parent != root:
        return [Problem(str(root / MANIFEST), "the wacz must sit beside the manifest")]
    if not path.is_file():
        return [Problem(str(path), "listed in the manifest but missing")]
    if file_checksum(path) != expected:
        return [Problem(str(path), "SHA-256 does not match the manifest")]
    return [Problem(str(path), message) for message in check_wacz(path)]


def _check_records(path: Path) -> list[Problem]:
    problems = []
    try:
        with path.open("rb") as handle:
            for number, record in enumerate(ArchiveIterator(handle, check_digests=True), 1):
                record.content_stream().read()
                if record.digest_checker.passed is False:
                    detail = "; ".join(record.digest_checker.problems)
                    problems.append(Problem(str(path), f"record {number}: {detail}"))
    except (ArchiveLoadFailed, OSError, EOFError) as error:
        problems.append(Problem(str(path), f"not a readable WARC file ({error})"))
    return problems
