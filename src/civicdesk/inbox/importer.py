"""Streaming import of items from a file (`civicdesk import CHANNEL FILE`).

The file is read line by line and fed to `ingest` in chunks, so memory stays flat however large it
is. A bad line is reported as `FILE:LINE: message` and skipped; the good ones are imported. Running
an interrupted import again is safe: items already stored are recognised and left unchanged.
"""

import gc
import json
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

from civicdesk.connectors import Problem, formats, get_adapter
from civicdesk.inbox.ingest import ingest

__all__ = ["ImportReport", "formats", "import_file"]

MAX_LINE = 1_000_000
KEEP_PROBLEMS = 1000


@dataclass
class ImportReport:
    created: int = 0
    unchanged: int = 0
    new_versions: int = 0
    rejected: int = 0
    # The first problems, for callers that show them later; all are passed to `on_problem`.
    problems: list[str] = field(default_factory=list)
    on_problem: Callable[[str], None] | None = None

    def reject(self, message: str) -> None:
        self.rejected += 1
        if len(self.problems) < KEEP_PROBLEMS:
            self.problems.append(message)
        if self.on_problem:
            self.on_problem(message)

    @property
    def accepted(self) -> int:
        return self.created + self.unchanged + self.new_versions


def _jsonl(path: Path, report: ImportReport, lines: deque, progress) -> Iterator[dict]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if progress:
                progress(handle.tell())
            if len(raw) > MAX_LINE:
                report.reject(f"{path}:{number}: line longer than {MAX_LINE} bytes")
                continue
            text = raw.strip()
            if not text:
                continue
            try:
                data = json.loads(text)
            except (ValueError, UnicodeDecodeError) as error:
                report.reject(f"{path}:{number}: not valid JSON: {error}")
                continue
            lines.append(number)
            yield data


def _platform(adapter, path: Path, report: ImportReport, lines: deque, progress) -> Iterator[dict]:
    for record in adapter.read(path, progress=progress):
        if isinstance(record, Problem):
            report.reject(record.describe(path))
            continue
        lines.append(record.position.line)
        yield record.item


@contextmanager
def _fewer_collections(young: int = 20_000):
    """Run the cyclic garbage collector less often during a bulk import.

    Triage allocates many short-lived containers per item, which reference counting frees; with
    the default threshold (700 allocations) the collector also runs every few items and spends
    a fifth of the import's time re-scanning the long-lived objects of Django and the rule
    tables. Those are frozen out of its sight for the import and the young generation made
    larger; memory stays bounded (a collection still runs every `young` allocations).
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], young), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


# SQLite settings for the importing connection only, restored afterwards. A bigger page cache
# keeps the item table's indexes (and the search index the records app maintains on every
# insert) in memory; checkpointing the write-ahead log every 64 MB instead of every 4 MB saves
# most of the fsyncs. Durability is unchanged: the journal mode (WAL) and `synchronous`
# (NORMAL) stay as settings.py sets them.
BULK_PRAGMAS = {"cache_size": -65536, "wal_autocheckpoint": 16384}


@contextmanager
def _bulk_connection():
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        before = {}
        for name, value in BULK_PRAGMAS.items():
            cursor.execute(f"PRAGMA {name}")
            before[name] = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        if connection.connection is not None:  # still the connection the pragmas were set on
            with connection.cursor() as cursor:
                for name, value in before.items():
                    cursor.execute(f"PRAGMA {name} = {int(value)}")


def import_file(
    channel: str,
    path: str | Path,
    *,
    file_format: str = "jsonl",
    progress: Callable[[int], None] | None = None,
    on_problem: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import a file of items into `channel`: JSON lines, or a platform's export (`formats()`)."""
    path = Path(path)
    report = ImportReport(on_problem=on_problem)
    lines: deque[int] = deque()
    if file_format == "jsonl":
        records = _jsonl(path, report, lines, progress)
    else:
        records = _platform(get_adapter(file_format), path, report, lines, progress)
    # A platform export is a backlog: its items count as received when they were posted.
    backlog = file_format != "jsonl"
    with _fewer_collections(), _bulk_connection():
        for outcome in ingest(records, channel=channel, received_as_created=backlog):
            number = lines.popleft()
            if outcome.error:
                field_name = f"{outcome.error.field}: " if outcome.error.field else ""
                report.reject(f"{path}:{number}: {field_name}{outcome.error.message}")
            elif outcome.created:
                report.created += 1
            elif outcome.new_version:
                report.new_versions += 1
            else:
                report.unchanged += 1
    return report
