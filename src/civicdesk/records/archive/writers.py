"""The export formats by name: ``write_package("noark5", export, out_dir)``.

Each writer has the signature ``(export, out_dir, standards=None) -> PackageResult`` and is
described in its own module (A1: every kept record exportable to the national archive format).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from civicdesk.core.exceptions import InvalidInput
from civicdesk.records.archive.eark import write_eark
from civicdesk.records.archive.jsonl import write_json
from civicdesk.records.archive.mdto import write_mdto
from civicdesk.records.archive.noark5 import write_noark5
from civicdesk.records.archive.package import PackageResult
from civicdesk.records.archive.types import ArchiveExport

WRITERS: dict[str, Callable[..., PackageResult]] = {
    "noark5": write_noark5,
    "eark": write_eark,
    "mdto": write_mdto,
    "json": write_json,
}


def write_package(
    package_format: str, export: ArchiveExport, out_dir: Path, standards: Path | None = None
) -> PackageResult:
    try:
        writer = WRITERS[package_format]
    except KeyError:
        raise InvalidInput(
            f"unknown format {package_format!r}: choose one of {', '.join(WRITERS)}",
            field="format",
        ) from None
    return writer(export, Path(out_dir), standards)
