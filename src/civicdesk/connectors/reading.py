"""What every JSON adapter shares: opening the file, turning failures into Problems.

`read_json(path, walk, progress)` opens the file as a `JsonStream`, runs the adapter's `walk`
generator over it and guarantees that the only way out is a Record: a file that breaks off yields
what it had and then one Problem where it broke, and content after the end is reported too.
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from civicdesk.connectors.base import Entry, Position, Problem, Progress, Record
from civicdesk.connectors.fields import BadEntry
from civicdesk.connectors.jsonstream import JsonStream, JsonStreamError, Location

Walk = Callable[[JsonStream], Iterator[Record]]


def read_json(path: str | Path, walk: Walk, progress: Progress | None = None) -> Iterator[Record]:
    with Path(path).open("rb") as handle:
        stream = JsonStream(handle, progress=progress)
        try:
            yield from walk(stream)
            if not stream.at_end():
                yield problem(stream.location, "", "unexpected content after the end of the data")
        except JsonStreamError as error:
            yield problem(error.location, "", error.message)


def position(location: Location, path: str) -> Position:
    return Position(location.line, location.column, path)


def problem(location: Location, path: str, message: str) -> Problem:
    return Problem(position(location, path), message)


def convert(
    location: Location, path: str, build: Callable[..., Iterator[tuple[str, Any]]], *args: Any
) -> Iterator[Record]:
    """Run `build(*args)`, which yields (path suffix, item or BadEntry), as Records.

    `build` may yield several items for one entry (a post and its comments) and a BadEntry for a
    part that is wrong; if it raises BadEntry, the items already yielded stand.
    """
    try:
        for suffix, built in build(*args):
            if isinstance(built, BadEntry):
                yield problem(location, path + suffix, built.message)
            else:
                yield Entry(position(location, path + suffix), built)
    except BadEntry as error:
        yield problem(location, path, error.message)


def single(build: Callable[..., dict]) -> Callable[..., Iterator[tuple[str, Any]]]:
    """Adapt a function that builds one item to `convert`'s yielding form."""

    def one(*args: Any) -> Iterator[tuple[str, Any]]:
        yield "", build(*args)

    return one


def wrong_top_level(stream: JsonStream, expected: str) -> JsonStreamError:
    """The error to raise when the file's outer shape is not the adapter's."""
    found = stream.peek()
    shown = {"[": "a list", "{": "an object", "": "nothing (empty file)"}.get(found, repr(found))
    return JsonStreamError(stream.location, f"expected {expected}, found {shown}")
