"""Where ingest time goes: an opt-in stopwatch over the named stages of `ingest` and `triage`.

Off by default (`current()` is None and every call site skips it). A benchmark turns it on with
`measure()`; each stage then adds the time since the previous mark to its total, so the stages of
one run add up to the run's time spent inside ingest:

    read        pulling the next chunk from the caller (JSON decoding in the importer)
    parse       checking each item's fields, canonical JSON and digest
    lookup      finding the chunk's stored items and the repeats of its texts
    fingerprint the normalised-text fingerprint of each item
    build       making the unsaved Item rows
    moderation  the moderation verdict (I2)
    category    the category (I4)
    route       the answering unit and action (I4–I7)
    deadline    `due_at` (I5)
    register    diary numbers and their log entries (I1, I2, I8)
    insert      writing items and versions
    commit      ending each chunk's transaction
"""

from __future__ import annotations

from time import perf_counter

_current: StageClock | None = None


class StageClock:
    """Totals per stage in seconds; `lap(name)` charges the time since the last mark to `name`."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self.last = perf_counter()

    def mark(self) -> None:
        self.last = perf_counter()

    def lap(self, name: str) -> None:
        now = perf_counter()
        self.totals[name] = self.totals.get(name, 0.0) + now - self.last
        self.last = now


def current() -> StageClock | None:
    return _current


def measure() -> StageClock:
    """Start timing stages in this process (for benchmarks); returns the clock to read."""
    global _current  # noqa: PLW0603 - one process-wide switch, off unless a benchmark asks
    _current = StageClock()
    return _current


def stop() -> None:
    global _current  # noqa: PLW0603
    _current = None
