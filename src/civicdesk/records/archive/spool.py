"""A temporary, append-only list on disk: what a writer must list again after streaming.

Some headers need totals known only at the end (a Noark journal's count, a METS fileSec written
after the files). Writers append compact rows here while streaming and read them back once, so
memory holds one row at a time whatever the export's size.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path


class Spool:
    def __init__(self, directory: Path | None = None):
        self._file = tempfile.TemporaryFile(  # noqa: SIM115 - closed in close()
            mode="w+", encoding="utf-8", dir=directory, suffix=".spool"
        )
        self.count = 0

    def append(self, row: dict) -> None:
        self._file.write(json.dumps(row, default=str))
        self._file.write("\n")
        self.count += 1

    def __iter__(self) -> Iterator[dict]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield json.loads(line)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
