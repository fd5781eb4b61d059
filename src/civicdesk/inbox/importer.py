"""Streaming import of items from a file (`civicdesk import CHANNEL FILE`).

The file is read line by line and fed to `ingest` in chunks, so memory stays flat however large it
is. A bad line is reported as `FILE:LINE: message` and skipped; the good ones are imported. Running
an interrupted import again is safe: items already stored are recognised and left unchanged.
"""

import json
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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
