"""Checks shared by every format: listed files exist and match, nothing unlisted, manifest."""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from civicdesk.records.archive.checksums import ALGORITHMS, file_checksum, read_checksum_list
from civicdesk.records.archive.coverage import MANIFEST
from civicdesk.records.archive.validate.problem import Report

MANIFEST_KEYS = ("format", "chain_head", "covers", "created")


def inside(root: Path, href: str) -> Path | None:
    """``root/href`` if ``href`` is a relative path that stays inside the package."""
    relative = PurePosixPath(href.removeprefix("file:"))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return None
    return root.joinpath(*relative.parts)


def check_file(
    report: Report,
    root: Path,
    href: str,
    expected: str | None,
    algorithm: str = "SHA-256",
    size: str | None = None,
    rule: str = "",
    listed_in: str = "",
) -> bool:
    """The file ``href`` exists inside the package and has the stated size and checksum."""
    where = f" (listed in {listed_in})" if listed_in else ""
    prefix = f"{rule}: " if rule else ""
    path = inside(root, href)
    if path is None:
        report.add(href, f"{prefix}path leaves the package{where}")
        return False
    if not path.is_file():
        report.add(href, f"{prefix}listed file is missing{where}")
        return False
    if size is not None and size.isdigit() and int(size) != path.stat().st_size:
        report.add(href, f"{prefix}size {path.stat().st_size} differs from listed {size}{where}")
    if expected is None:
        report.add(href, f"{prefix}no checksum listed{where}")
        return False
    if algorithm.upper() not in ALGORITHMS:
        report.add(href, f"{prefix}unknown checksum algorithm {algorithm!r}{where}")
        return False
    actual = file_checksum(path, algorithm)
    if actual.lower() != expected.strip().lower():
        report.add(
            href,
            f"{prefix}{algorithm} checksum mismatch{where}: listed "
            f"{expected.strip()[:16]}…, file has {actual[:16]}…",
        )
        return False
    return True


def all_files(root: Path):
    """Every file under ``root`` as a POSIX path relative to it, without loading the tree."""
    for folder, _dirs, names in os.walk(root):
        base = Path(folder)
        for name in names:
            yield (base / name).relative_to(root).as_posix()


def check_unlisted(report: Report, root: Path, listed: set[str], rule: str) -> None:
    for relative in all_files(root):
        if relative not in listed:
            report.add(relative, f"{rule}: file is in the package but not listed")


def check_sums(report: Report, root: Path, sums: str, listed: set[str]) -> None:
    """Every line of a ``SHA256SUMS`` file matches its file."""
    for line, value, name in read_checksum_list(root / sums):
        if value is None:
            report.add(sums, f"malformed checksum line: {name[:60]!r}", line)
            continue
        listed.add(name)
        check_file(report, root, name, value, listed_in=sums)


def check_manifest(report: Report, root: Path, relative: str = MANIFEST) -> None:
    """Civicdesk's manifest states format, coverage and the log's chain head."""
    path = root / relative
    if not path.is_file():
        report.add(relative, "manifest is missing")
        return
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        report.add(relative, f"manifest is not JSON: {error}")
        return
    missing = [key for key in MANIFEST_KEYS if not isinstance(body, dict) or key not in body]
    if missing:
        report.add(relative, f"manifest lacks {', '.join(missing)}")
