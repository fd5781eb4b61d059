"""What every writer does first and last: an empty output folder, copied schemas, a result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from civicdesk.core.exceptions import InvalidInput
from civicdesk.records.archive.checksums import FileDigest, copy_stream
from civicdesk.records.archive.coverage import Coverage


@dataclass(frozen=True)
class PackageResult:
    """A written package: its folder, what it covers, and the manifest's digest."""

    format: str
    root: Path
    coverage: Coverage
    manifest: FileDigest


def prepare_output(out_dir: Path) -> Path:
    """Create ``out_dir`` or accept it empty; never write over an earlier package."""
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise InvalidInput(f"{out_dir}: the output folder must be new or empty", field="out")
    out_dir.mkdir(parents=True, exist_ok=True)
    return out_dir


def copy_schema(standards: Path, relative: str, root: Path, destination: str) -> FileDigest:
    """Copy an official schema unchanged into the package (it carries its own copy)."""
    return copy_stream((standards / relative).open("rb"), root, destination)
