"""The import-adapter interface and the registry of formats (`civicdesk import --format NAME`).

An adapter reads one platform's export or API file and yields `Record`s in file order:

- `Entry(position, item)`: `item` is a dict in the contract's item shape (contract.md, "An item")
  without `channel`, which the import command supplies;
- `Problem(position, message)`: an entry that cannot become an item. A bad entry never stops the
  good ones; only a file that cannot be parsed further (truncated or broken JSON) ends the stream,
  with a last Problem saying where.

Adapters never raise for bad input: every failure is a Problem with a position. Formats are found
by name in `FORMATS` (dotted paths, loaded on first use) plus the optional setting
`CIVICDESK_IMPORT_FORMATS = {"name": "dotted.path.to.AdapterClass"}`, which adds or replaces
formats without touching this package.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.module_loading import import_string

FORMATS: dict[str, str] = {
    "facebook": "civicdesk.connectors.facebook.FacebookAdapter",
    "x": "civicdesk.connectors.x.XAdapter",
    "instagram": "civicdesk.connectors.instagram.InstagramAdapter",
    "mastodon": "civicdesk.connectors.mastodon.MastodonAdapter",
    "bluesky": "civicdesk.connectors.bluesky.BlueskyAdapter",
}


@dataclass(frozen=True)
class Position:
    """Where an entry starts: 1-based line and column, and its JSON path (`data[6]`)."""

    line: int
    column: int = 1
    path: str = ""

    def __str__(self) -> str:
        return str(self.line)


@dataclass(frozen=True)
class Entry:
    position: Position
    item: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Problem:
    position: Position
    message: str

    def describe(self, filename: str | Path) -> str:
        """`FILE:LINE: message`, with the JSON path when it helps to find the entry."""
        where = f"{self.position.path}: " if self.position.path else ""
        return f"{filename}:{self.position.line}: {where}{self.message}"


Record = Entry | Problem
Progress = Callable[[int], None]


class Adapter:
    """Turns one platform's files into Records. Subclasses set `name` and implement `read`."""

    name: str = ""
    description: str = ""

    def read(self, path: str | Path, *, progress: Progress | None = None) -> Iterator[Record]:
        """Yield the file's entries in order. `progress(bytes_read)` is called as it reads.

        Never raises for bad content; a file that cannot be opened raises OSError.
        """
        raise NotImplementedError


def formats() -> dict[str, str]:
    """Every known format name and its adapter's dotted path, settings included."""
    from django.conf import settings

    return {**FORMATS, **getattr(settings, "CIVICDESK_IMPORT_FORMATS", {})}


def get_adapter(name: str) -> Adapter:
    """A new adapter for format `name`; KeyError (naming the known ones) if there is none."""
    known = formats()
    if name not in known:
        raise KeyError(f"no import format {name!r}; known: {', '.join(sorted(known))}")
    return import_string(known[name])()
