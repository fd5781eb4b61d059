"""Benchmark: write generated entries in each format and print time, entries/s, MB/s, peak RSS.

Memory must stay flat however many entries are exported (issue 5, "Measure": under 500 MB for
1,000,000 items). Run ``python -m civicdesk.records.archive.bench [ENTRIES] [FORMAT…]``; the
default is 200,000 entries in every format. Peak RSS (``resource.getrusage``) is per process,
so each format runs in a fresh child process and a small run is printed first for comparison:
flat memory means the two peaks are close.

Figures per run: wall time, CPU time (user + system, all threads: less noisy than wall time on
a shared machine), entries/s, MB/s (bytes of the finished package / wall time) and peak RSS.
``--progress N`` (or ``BENCH_PROGRESS``) prints a line to stderr every N entries with the
figures so far, so a run stopped early still shows how far it got and whether memory grew.
The package is written under ``$TMPDIR``; put that on the disk you want to measure.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import subprocess  # noqa: S404 - runs this module again, no shell
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

FORMATS = ("noark5", "eark", "mdto", "json")


def _peak_rss_mb() -> float:
    # Linux reports kilobytes, macOS bytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return _peak_rss_mb()
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _size(root: Path) -> int:
    return sum(
        (Path(folder) / name).stat().st_size
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


class _Progress:
    """Counts entries as the writer takes them and reports every ``every`` entries."""

    def __init__(self, label: str, every: int):
        self.label, self.every = label, every
        self.count = 0
        self.started = time.perf_counter()
        self.cpu = _cpu_seconds()

    def cases(self, cases):
        for case in cases:
            yield dataclasses.replace(case, entries=self._entries(case.entries))

    def _entries(self, entries) -> Iterator:
        for entry in entries:
            yield entry
            self.count += 1
            if self.every and self.count % self.every == 0:
                seconds = time.perf_counter() - self.started
                print(
                    f"  {self.label} {self.count:>9,} entries {seconds:8.1f} s "
                    f"cpu {_cpu_seconds() - self.cpu:8.1f} s "
                    f"{self.count / seconds:7,.0f} entries/s  RSS {_rss_mb():6.1f} MB "
                    f"peak {_peak_rss_mb():6.1f} MB",
                    file=sys.stderr,
                    flush=True,
                )


def run_one(package_format: str, entries: int, progress: int = 0, report=None) -> dict:
    """Write one package in this process and return its figures; ``report(figures)`` is called
    before the package is removed (removing millions of files takes a while)."""
    from civicdesk.records.archive.samples import sample_export
    from civicdesk.records.archive.writers import write_package

    out = Path(tempfile.mkdtemp(prefix=f"cd-bench-{package_format}-"))
    try:
        export = sample_export(entries)
        counter = _Progress(package_format, progress)
        export = dataclasses.replace(export, cases=counter.cases(export.cases))
        cpu = _cpu_seconds()
        started = time.perf_counter()
        result = write_package(package_format, export, out / "package")
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu
        peak = _peak_rss_mb()
        size = _size(out)
        figures = {
            "format": package_format,
            "entries": entries,
            "documents": result.coverage.documents,
            "seconds": seconds,
            "cpu_seconds": cpu,
            "entries_per_s": entries / seconds,
            "mb_per_s": size / seconds / 1e6,
            "package_mb": size / 1e6,
            "peak_rss_mb": peak,
        }
        if report:
            report(figures)
        return figures
    finally:
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(out, ignore_errors=True)


def _line(figures: dict) -> str:
    return (
        f"{figures['format']:>7} {figures['entries']:>9,} entries "
        f"{figures['documents']:>9,} files {figures['seconds']:8.1f} s "
        f"(cpu {figures['cpu_seconds']:7.1f} s) "
        f"{figures['entries_per_s']:7,.0f} entries/s {figures['mb_per_s']:6.1f} MB/s "
        f"{figures['package_mb']:9.1f} MB  peak RSS {figures['peak_rss_mb']:6.1f} MB"
    )


def bench(entries: int = 200_000, formats: tuple[str, ...] = FORMATS, small: int = 1_000) -> None:
    """Print figures for a ``small`` run and an ``entries`` run of each format, each in a
    fresh process so peak RSS belongs to that run alone."""
    for package_format in formats:
        for count in (small, entries):
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
    progress = int(os.environ.get("BENCH_PROGRESS", "0") or 0)
    if "--progress" in argv:
        at = argv.index("--progress")
        progress = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    if argv[:1] == ["--one"]:
        run_one(argv[1], int(argv[2]), progress, report=lambda f: print(_line(f), flush=True))
        return
    if progress:
        os.environ["BENCH_PROGRESS"] = str(progress)
    entries = int(argv[0]) if argv else 200_000
    bench(entries, tuple(argv[1:]) or FORMATS)


if __name__ == "__main__":
    main(sys.argv[1:])
