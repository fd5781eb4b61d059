"""`--format instagram`: files from an Instagram "Download Your Information" export (JSON).

- `comments.json` (older): `{"comments_media_comments": [{title: username, string_list_data:
  [{value, timestamp}]}]}`, likewise `comments_reels_comments` and the other `comments_*` lists;
- `post_comments_1.json`: `[{string_map_data: {Comment: {value}, "Media Owner": {value},
  Time: {timestamp}}}]`;
- `posts_1.json`: `[{media: [{uri, creation_timestamp, title}], title?, creation_timestamp?}]`;
- `messages/inbox/*/message_1.json`: Messenger's thread shape (see `meta`).

Like Facebook's export: no IDs (external_id is a hash of timestamp, author and text) and every
string is latin-1 mojibake, repaired here.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from civicdesk.connectors import fields
from civicdesk.connectors.base import Adapter, Progress, Record
from civicdesk.connectors.fields import BadEntry
from civicdesk.connectors.jsonstream import JsonStream
from civicdesk.connectors.meta import export_media, fixed, messages
from civicdesk.connectors.reading import convert, problem, read_json, wrong_top_level

_EXPECTED = "an Instagram export file (comments, posts or messages)"


def entry(raw: Any) -> Iterator[tuple[str, Any]]:
    """One element of a top-level list or of `comments_*`: a post or one or more comments."""
    raw = fields.obj(raw, "entry")
    if "string_list_data" in raw:
        yield from _old_comments(raw)
    elif "string_map_data" in raw:
        yield "", _comment(raw)
    elif "media" in raw:
        yield "", _post(raw)
    else:
        raise BadEntry("not a comment (string_list_data, string_map_data) or a post (media)")


def _old_comments(raw: dict) -> Iterator[tuple[str, Any]]:
    handle = fixed(raw.get("title"), "title", limit=fields.MAX_NAME)
    for index, part in enumerate(fields.array(raw["string_list_data"], "string_list_data")):
        where = f".string_list_data[{index}]"
        try:
            part = fields.obj(part, where)
            body = fixed(part.get("value"), "value") or ""
            moment = part.get("timestamp")
            yield (
                where,
                fields.make_item(
                    external_id=fields.stable_id("ig-comment", moment, handle, body),
                    kind="comment",
                    created_at=fields.unix_time(moment, "timestamp"),
                    text=body,
                    author_handle=handle,
                    url=fields.url(part.get("href"), "href"),
                ),
            )
        except BadEntry as error:
            yield where, error


def _comment(raw: dict) -> dict:
    data = fields.obj(raw["string_map_data"], "string_map_data")
    body = fixed(fields.obj(data.get("Comment"), "Comment").get("value"), "Comment.value") or ""
    moment = fields.obj(data.get("Time"), "Time").get("timestamp")
    return fields.make_item(
        external_id=fields.stable_id("ig-comment", moment, None, body),
        kind="comment",
        created_at=fields.unix_time(moment, "Time.timestamp"),
        text=body,
    )


def _post(raw: dict) -> dict:
    media_list = fields.array(raw.get("media"), "media")
    first = fields.obj(media_list[0], "media[0]") if media_list else {}
    body = fixed(raw.get("title") or first.get("title"), "title") or ""
    moment = raw.get("creation_timestamp", first.get("creation_timestamp"))
    media = export_media(media_list, "media")
    return fields.make_item(
        external_id=fields.stable_id("ig-post", moment, media[0]["path"] if media else None, body),
        kind="post",
        created_at=fields.unix_time(moment, "creation_timestamp"),
        text=body,
        media=media,
    )


class InstagramAdapter(Adapter):
    name = "instagram"
    description = "Instagram Download Your Information export: comments, posts, messages"

    def read(self, path: str | Path, *, progress: Progress | None = None) -> Iterator[Record]:
        return read_json(path, self._walk, progress)

    def _walk(self, stream: JsonStream) -> Iterator[Record]:
        if stream.peek() == "[":
            yield from self._entries(stream, "")
            return
        if stream.peek() != "{":
            raise wrong_top_level(stream, _EXPECTED)
        start = stream.location
        recognised = False
        for key in stream.members():
            if stream.peek() != "[":
                continue
            if key == "messages":
                recognised = True
                yield from messages(stream, "ig-message")
            elif key.startswith("comments_"):
                recognised = True
                yield from self._entries(stream, key)
        if not recognised:
            yield problem(start, "", f"no entries found: expected {_EXPECTED}")

    def _entries(self, stream: JsonStream, key: str) -> Iterator[Record]:
        for index, location in enumerate(stream.elements()):
            yield from convert(location, f"{key}[{index}]", entry, stream.value())
