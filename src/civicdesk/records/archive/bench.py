"""Benchmark: write generated entries in each format and print entries/s, MB/s and peak RSS.

Memory must stay flat however many entries are exported (issue 5, "Measure": under 500 MB for
1,000,000 items). Run ``python -m civicdesk.records.archive.bench [ENTRIES] [FORMAT…]``; the
default is 200,000 entries in every format. Peak RSS (``resource.getrusage``) is per process,
so each format runs in a fresh child process and a small run is printed first for comparison:
flat memory means the two peaks are close.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess  # noqa: S404 - runs this module again, no shell
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("noark5", "eark", "mdto", "json")


def _peak_rss_mb() -> float:
    # Linux reports kilobytes, macOS bytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _size(root: Path) -> int:
    return sum(
        (Path(folder) / name).stat().st_size
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


def run_one(package_format: str, entries: int) -> dict:
    """Write one package in this process and return its figures."""
    from civicdesk.records.archive.samples import sample_export
    from civicdesk.records.archive.writers import write_package

    out = Path(tempfile.mkdtemp(prefix=f"cd-bench-{package_format}-"))
    try:
        started = time.perf_counter()
        result = write_package(package_format, sample_export(entries), out / "package")
        seconds = time.perf_counter() - started
        size = _size(out)
        return {
            "format": package_format,
            "entries": entries,
            "documents": result.coverage.documents,
            "seconds": seconds,
            "entries_per_s": entries / seconds,
            "mb_per_s": size / seconds / 1e6,
            "package_mb": size / 1e6,
            "peak_rss_mb": _peak_rss_mb(),
        }
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _line(figures: dict) -> str:
    return (
        f"{figures['format']:>7} {figures['entries']:>9,} entries "
        f"{figures['documents']:>9,} files {figures['seconds']:8.1f} s "
        f"{figures['entries_per_s']:9,.0f} entries/s {figures['mb_per_s']:7.1f} MB/s "
        f"{figures['package_mb']:9.1f} MB  peak RSS {figures['peak_rss_mb']:7.1f} MB"
    )


def bench(entries: int = 200_000, formats: tuple[str, ...] = FORMATS) -> None:
    """Print figures for a 1,000-entry run and an ``entries`` run of each format, each in a
    fresh process so peak RSS belongs to that run alone."""
    for package_format in formats:
        for count in (1_000, entries):
            command = [
                sys.executable,
                "-m",
                "civicdesk.records.archive.bench",
                "--one",
                package_format,
                str(count),
            ]
            subprocess.run(command, check=True)  # noqa: S603 - fixed argv


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")
    if argv[:1] == ["--one"]:
        print(_line(run_one(argv[1], int(argv[2]))), flush=True)
        return
    entries = int(argv[0]) if argv else 200_000
    bench(entries, tuple(argv[1:]) or FORMATS)


if __name__ == "__main__":
    main(sys.argv[1:])
