"""Run every benchmark and print its figures: `python -m benchmarks [name …]`.

Sizes come from environment variables (see each module); the defaults are the issues' sizes where
they fit in a few minutes on a 2-core machine, and say so where they do not.
"""

import os
import subprocess
import sys

from benchmarks import ingest, presidio, search

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _module(*args: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "civicdesk.settings"}
    subprocess.run([sys.executable, "-m", *args], check=True, env=env, cwd=ROOT)  # noqa: S603


def triage() -> None:
    _module("civicdesk.inbox.triage.bench", os.environ.get("BENCH_TRIAGE_ITEMS", "50000"))


def moderation() -> None:
    _module("civicdesk", "moderation", "evaluate", "--seconds", "3")


def archive() -> None:
    entries = os.environ.get("BENCH_ARCHIVE_ENTRIES", "20000")
    _module("civicdesk.records.archive.bench", entries)


SUITES = {
    "ingest": ingest.main,
    "triage": triage,
    "moderation": moderation,
    "archive": archive,
    "search": search.main,
    "presidio": presidio.main,
}


def main(argv: list[str]) -> int:
    names = argv or list(SUITES)
    for name in names:
        if name not in SUITES:
            print(f"unknown benchmark '{name}'; choose from {', '.join(SUITES)}")
            return 2
        print(f"== {name} ==", flush=True)
        SUITES[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
