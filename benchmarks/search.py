"""Search latency over many kept items on SQLite (issue 5, "Measure": p95 under 50 ms over
1,000,000 items). Items are written straight into the table (the ingest benchmark measures ingest);
the FTS5 index is kept by its triggers as in production. `BENCH_SEARCH_ITEMS` sets the size."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import os, random, statistics, sys, time
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "civicdesk.settings"
django.setup()
from django.core.management import call_command
from django.utils import timezone
from civicdesk.inbox.models import Item
from civicdesk.policy.loader import load_pack
from civicdesk.policy.validate import read_pack
from civicdesk.records.search import search
from civicdesk.registry.models import Channel

call_command("migrate", verbosity=0)
organisation = load_pack(read_pack(sys.argv[2])).organisation
channel = Channel.objects.get(slug="tyreso-facebook")
count = int(sys.argv[1])
rng = random.Random(3)
vocabulary = [f"ord{n}" for n in range(20000)] + [
    "återvinningscentralen", "snöröjning", "gatubelysning", "biblioteket", "skolan", "simhallen"]
now = timezone.now()
started = time.perf_counter()
batch = []
for number in range(count):
    text = " ".join(rng.choice(vocabulary) for _ in range(25))
    batch.append(Item(organisation=organisation, channel=channel, external_id=f"s{number}",
                      kind="comment", visibility="public", text=text, created_at=now,
                      received_at=now, digest=""))
    if len(batch) == 2000 or number == count - 1:
        Item.objects.bulk_create(batch, batch_size=500)
        batch = []
load_seconds = time.perf_counter() - started
queries = [rng.choice(vocabulary) for _ in range(200)] + [
    f"{rng.choice(vocabulary)} {rng.choice(vocabulary)}" for _ in range(100)]
timings = []
items = Item.objects.filter(organisation=organisation)
for query in queries:
    t = time.perf_counter()
    list(search(items, query, language="sv").order_by("-created_at", "-pk")[:50].values_list("pk"))
    timings.append((time.perf_counter() - t) * 1000)
timings.sort()
p95 = timings[int(len(timings) * 0.95) - 1]
print(f"{count} {load_seconds:.1f} {statistics.median(timings):.2f} {p95:.2f}")
"""


def main() -> None:
    count = int(os.environ.get("BENCH_SEARCH_ITEMS", "1000000"))
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "CIVICDESK_DATA_DIR": scratch, "CIVICDESK_LOG_LEVEL": "WARNING"}
        env.pop("DATABASE_URL", None)
        run = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", CHILD, str(count), str(ROOT / "policies" / "tyreso.toml")],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if run.returncode:
        print("search benchmark failed:\n" + run.stderr[-3000:])
        return
    output = run.stdout.split()
    items, load, median, p95 = int(output[0]), float(output[1]), float(output[2]), float(output[3])
    print(
        f"search over {items:,} items (SQLite FTS5, 25 words each; loaded in {load:.0f} s): "
        f"median {median:.1f} ms, p95 {p95:.1f} ms (target p95 < 50 ms), first 50 hits"
    )
