"""Ingest-and-triage throughput and import memory (issue 3, "Measure").

- throughput: import N generated items (default 100,000) into a fresh SQLite database, items/s;
- stages: where that run's time went, µs per item (`civicdesk.inbox.stages`), measured in the
  same run;
- memory: peak RSS of a separate process importing M items (default 1,000,000) against one importing
  M/10, to show that memory does not grow with the file.

Each run happens in a child process with its own data directory, so the figures include Django's
start-up but nothing left over from another run. `BENCH_INGEST_ITEMS` and `BENCH_MEMORY_ITEMS`
change the sizes.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    "Hej! När öppnar återvinningscentralen i helgen?",
    "Tack för en fantastisk dag i Alby friluftsområde!",
    "Gatubelysningen på Granängsvägen är trasig sedan i går kväll.",
    "Varför röstade Moderaterna emot den nya simhallen i kommunfullmäktige?",
    "Snöröjningen på min gata har inte kommit än, när kommer plogbilen?",
    "Skolan är stängd i morgon på grund av vattenläcka, stämmer det?",
    "Kommunen borde satsa mer på cykelvägar i stället för parkeringar.",
    "Min son har personnummer 121212-1212, kan ni kolla hans plats i förskolan?",
    "Köp billiga solglasögon på http://cheap-sunglasses.example nu!",
    "Vilka tider har biblioteket öppet under sportlovet?",
]


PLACES = [
    "Granängsvägen",
    "Bollmora",
    "Trollbäcken",
    "Brevik",
    "Krusboda",
    "Tyresö strand",
    "Öringe",
    "Wättinge",
    "Raksta",
    "Hanviken",
    "Lindalen",
    "Strandängen",
]
WORDS = [
    "i",
    "går",
    "kväll",
    "snälla",
    "fortfarande",
    "igen",
    "verkligen",
    "vid",
    "skolan",
    "torget",
    "hela",
    "veckan",
    "varför",
    "hur",
    "länge",
    "till",
    "och",
    "vi",
    "grannar",
]


def _sentence(rng: random.Random, number: int) -> str:
    # Real comments rarely repeat word for word; identical texts would be caught as spam.
    text = rng.choice(TEXTS)
    extra = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))
    return f"{text} ({rng.choice(PLACES)}, {extra}) #{number}"


def write_items(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            text = _sentence(rng, number)
            padding = ""
            private = number % 50 == 0
            handle.write(
                json.dumps(
                    {
                        "external_id": f"bench-{number}",
                        "kind": "message" if private else "comment",
                        "visibility": "private" if private else "public",
                        "author": {"id": str(rng.randint(1, 10**9)), "name": "Test Testsson"},
                        "text": (text + padding)[:200],
                        "created_at": (start + timedelta(seconds=number)).isoformat(),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


CHILD = """
import os, resource, sys, time
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "civicdesk.settings"
django.setup()
from django.core.management import call_command
import json
from civicdesk.inbox import stages
from civicdesk.inbox.importer import import_file
from civicdesk.policy.loader import load_pack
from civicdesk.policy.validate import read_pack
call_command("migrate", verbosity=0)
load_pack(read_pack(sys.argv[2]))
clock = stages.measure() if sys.argv[3] == "stages" else None
started, cpu_started = time.perf_counter(), time.process_time()
report = import_file("tyreso-facebook", sys.argv[1])
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{report.accepted} {report.rejected} {elapsed:.3f} {peak:.1f} {cpu:.3f}")
print(json.dumps(clock.totals if clock else {}))
"""

# The breakdown's order: the triage steps the issue names first, then the rest of the run.
STAGE_ORDER = (
    "parse",
    "moderation",
    "category",
    "route",
    "deadline",
    "insert",
    "register",
    "build",
    "fingerprint",
    "lookup",
    "commit",
    "read",
    "new version",
)


class Run(NamedTuple):
    accepted: int
    seconds: float  # wall-clock time of the import
    peak_mb: float  # peak RSS of the importing process
    stages: dict[str, float]  # seconds per stage, if timed
    cpu_seconds: float  # the process's CPU time during the import (steadier on a busy machine)


def run_import(count: int, *, timed: bool = False) -> Run:
    """Import `count` generated items in a child process.

    `timed` also measures the stages (`civicdesk.inbox.stages`), in seconds per stage; timing
    them costs a few perf_counter calls per item.
    """
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "items.jsonl"
        write_items(data, count)
        env = {**os.environ, "CIVICDESK_DATA_DIR": scratch, "CIVICDESK_LOG_LEVEL": "WARNING"}
        env.pop("DATABASE_URL", None)
        pack = str(ROOT / "policies" / "tyreso.toml")
        lines = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", CHILD, str(data), pack, "stages" if timed else "-"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        figures = lines[0].split()
        return Run(
            int(figures[0]),
            float(figures[2]),
            float(figures[3]),
            json.loads(lines[1]),
            float(figures[4]),
        )


def breakdown(totals: dict[str, float], items: int) -> str:
    """One line per stage, in µs per item, with its share of the measured time."""
    if not totals or not items:
        return ""
    whole = sum(totals.values())
    names = [n for n in STAGE_ORDER if n in totals] + sorted(set(totals) - set(STAGE_ORDER))
    rows = [
        f"  {name:<12} {totals[name] / items * 1e6:8.1f} µs/item {totals[name] / whole:6.1%}"
        for name in names
    ]
    rows.append(f"  {'total':<12} {whole / items * 1e6:8.1f} µs/item")
    return "\n".join(rows)


def main() -> None:
    throughput_items = int(os.environ.get("BENCH_INGEST_ITEMS", "100000"))
    memory_items = int(os.environ.get("BENCH_MEMORY_ITEMS", "1000000"))
    accepted, elapsed, peak, totals, cpu = run_import(throughput_items, timed=True)
    print(
        f"ingest+triage: {accepted:,} items in {elapsed:.1f} s = {accepted / elapsed:,.0f} items/s "
        f"(target ≥ 10,000/s), peak RSS {peak:.0f} MB; CPU {cpu:.1f} s = "
        f"{accepted / cpu:,.0f} items per CPU second"
    )
    print(f"stages (same run):\n{breakdown(totals, accepted)}")
    small, _, small_peak, _, _ = run_import(memory_items // 10)
    large, large_elapsed, large_peak, _, _ = run_import(memory_items)
    print(
        f"import memory: {small:,} items peak {small_peak:.0f} MB; {large:,} items peak "
        f"{large_peak:.0f} MB (ratio {large_peak / small_peak:.2f}; target < 300 MB, flat); "
        f"{large / large_elapsed:,.0f} items/s"
    )
