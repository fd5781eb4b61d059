"""`--format facebook`: tells the file's shape from its outer structure and streams its entries.

| outer structure | file |
|---|---|
| `{"data": [...], "paging": …}` | a Graph API page (feed, posts, comments, conversations) |
| `{"comments_v2": [...]}` | DYI `comments.json` |
| `{"participants": …, "messages": [...]}` | DYI Messenger `message_1.json` |
| `[...]` | DYI `your_posts_1.json` |
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from civicdesk.connectors.base import Adapter, Progress, Record
from civicdesk.connectors.facebook import dyi, graph
from civicdesk.connectors.jsonstream import JsonStream
from civicdesk.connectors.meta import messages
from civicdesk.connectors.reading import convert, problem, read_json, wrong_top_level

_EXPECTED = (
    "a Graph API page {data, paging} or a Download Your Information file "
    "(comments_v2, Messenger messages or a list of posts)"
)


def optional(build: Callable[[Any], dict | None]) -> Callable[[Any], Iterator[tuple[str, Any]]]:
    def run(raw: Any) -> Iterator[tuple[str, Any]]:
        item = build(raw)
        if item is not None:
            yield "", item

    return run


class FacebookAdapter(Adapter):
    name = "facebook"
    description = "Facebook Graph API pages and the Download Your Information export"

    def read(self, path: str | Path, *, progress: Progress | None = None) -> Iterator[Record]:
        return read_json(path, self._walk, progress)

    def _walk(self, stream: JsonStream) -> Iterator[Record]:
        if stream.peek() == "[":
            for index, location in enumerate(stream.elements()):
                yield from convert(location, f"[{index}]", optional(dyi.post), stream.value())
            return
        if stream.peek() != "{":
            raise wrong_top_level(stream, _EXPECTED)
        start = stream.location
        recognised = False
        for key in stream.members():
            if key in ("data", "comments_v2", "messages") and stream.peek() == "[":
                recognised = True
                yield from self._array(stream, key)
        if not recognised:
            yield problem(start, "", f"no entries found: expected {_EXPECTED}")

    def _array(self, stream: JsonStream, key: str) -> Iterator[Record]:
        if key == "messages":
            yield from messages(stream, "fb-message")
            return
        build = graph.entry if key == "data" else optional(dyi.comment)
        for index, location in enumerate(stream.elements()):
            yield from convert(location, f"{key}[{index}]", build, stream.value())
