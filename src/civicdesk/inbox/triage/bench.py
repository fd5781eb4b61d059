"""Micro-benchmark of triage: `python -m civicdesk.inbox.triage.bench [N]` prints items/s.

Runs the labelled set's texts round-robin (with and without a given language) through a Tyresö-
like `Triager`: classification, routing and the deadline, as ingest calls it per item. Not a test:
figures depend on the machine.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from civicdesk.inbox.triage.evaluate import DEVELOPMENT_SET, load
from civicdesk.inbox.triage.pipeline import Triager

INBOX = {
    "reply_working_days": 1,
    "negative_discussions": "no_reply",
    "default_unit": "kundtjanst",
    "category_keywords": {"fault_report": ["felanmälan"]},
    "routes": [
        {"unit": "samhallsbyggnad", "keywords": ["sophämtning", "gatlampa", "snö", "väg"]},
        {"unit": "utbildning", "keywords": ["skola", "förskola", "school"]},
        {"unit": "kultur", "keywords": ["bibliotek", "simhall", "library"]},
    ],
}


def run(n: int = 50_000) -> float:
    """Triage `n` items and print and return the rate in items per second."""
    rows = load(DEVELOPMENT_SET)
    triager = Triager(INBOX, country="SE", timezone="Europe/Stockholm", languages=["sv"])
    start_at = datetime(2026, 1, 5, 8, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    items = [
        (
            row["text"],
            row["language"] if i % 2 else None,
            start_at + timedelta(minutes=7 * i),
        )
        for i, row in enumerate(rows)
    ]
    count = len(items)
    started = time.perf_counter()
    for i in range(n):
        text, language, received_at = items[i % count]
        triager(text, received_at=received_at, channel_unit="kommunikation", language=language)
    elapsed = time.perf_counter() - started
    rate = n / elapsed
    print(f"triage: {n} items in {elapsed:.2f} s = {rate:,.0f} items/s")
    return rate


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
