"""`--format x`: files from an X (Twitter) account archive, `data/*.js`.

Each file is JavaScript: `window.YTD.<name>.part0 = [ … ]` (test fixtures also put `//` comment
lines first). The array after the `=` is JSON and is streamed entry by entry. The archive's own
README.txt describes every file; the ones read here:

- `tweets.js` (`tweet.js` in older archives): `[{"tweet": {id_str, full_text, created_at,
  in_reply_to_status_id_str, entities, extended_entities, lang, …}}]`, or the legacy flat shape
  without the `tweet` wrapper. `full_text` is HTML-escaped (`&amp;`); `created_at` looks like
  `Wed Dec 22 09:45:12 +0000 2021`. The archive holds the account's own tweets: kind `post`.
- `direct-messages.js`, `direct-messages-group.js`: `[{"dmConversation": {conversationId,
  messages: [{"messageCreate": {id, senderId, recipientId, text, createdAt, mediaUrls, urls}}]}}]`
  → private messages; other events in a conversation (joins, reactions, renames) are not messages
  and are passed over.
"""

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from civicdesk.connectors import fields
from civicdesk.connectors.base import Adapter, Progress, Record
from civicdesk.connectors.jsonstream import JsonStream, JsonStreamError
from civicdesk.connectors.reading import convert, problem, read_json, single

TWEET_FILES = {"tweets", "tweet", "community_tweet", "note_tweet", "twitter_circle_tweet"}
MESSAGE_FILES = {"direct_messages", "direct_messages_group"}
STATUS_URL = "https://x.com/i/web/status/{}"


def tweet_item(raw: Any) -> dict:
    raw = fields.obj(raw, "entry")
    if "tweet" in raw:
        raw = fields.obj(raw["tweet"], "tweet")
    external_id = fields.ident(raw.get("id_str", raw.get("id")), "id_str")
    body = fields.text(raw.get("full_text", raw.get("text")), "full_text") or ""
    language = raw.get("lang")
    return fields.make_item(
        external_id=external_id,
        kind="post",
        created_at=fields.twitter_time(raw.get("created_at"), "created_at"),
        text=html.unescape(body),
        author_id=fields.ident(raw.get("user_id_str"), "user_id_str", required=False),
        in_reply_to=fields.ident(
            raw.get("in_reply_to_status_id_str"), "in_reply_to_status_id_str", required=False
        ),
        url=STATUS_URL.format(external_id),
        media=_tweet_media(raw),
        language=language if isinstance(language, str) and language != "und" else None,
    )


def _tweet_media(raw: dict) -> list[dict]:
    extended = fields.obj(raw.get("extended_entities"), "extended_entities")
    entities = fields.obj(raw.get("entities"), "entities")
    found = extended.get("media") or entities.get("media")
    media = []
    for index, entry in enumerate(fields.array(found, "entities.media")):
        entry = fields.obj(entry, f"entities.media[{index}]")
        link = fields.url(entry.get("media_url_https"), f"entities.media[{index}].media_url_https")
        if link:
            kind = fields.text(entry.get("type"), f"entities.media[{index}].type", limit=40)
            media.append({"type": kind or "photo", "url": link})
    return media


def messages(stream: JsonStream, at: str) -> Iterator[Record]:
    """One conversation `{"dmConversation": {conversationId, messages: […]}}`, streamed."""
    if stream.peek() != "{":
        location, value = stream.location, stream.value()
        yield problem(location, at, f"a conversation must be an object, not {value!r:.40}")
        return
    for key in stream.members():
        if key != "dmConversation" or stream.peek() != "{":
            continue
        for inner in stream.members():
            if inner != "messages" or stream.peek() != "[":
                continue
            for index, location in enumerate(stream.elements()):
                where = f"{at}.dmConversation.messages[{index}]"
                yield from convert(location, where, _message_event, stream.value())


def _message_event(event: Any) -> Iterator[tuple[str, Any]]:
    event = fields.obj(event, "message")
    if "messageCreate" in event:  # otherwise a join, reaction or rename: not a message
        yield "", _message(fields.obj(event["messageCreate"], "messageCreate"))


def _message(raw: dict) -> dict:
    media = []
    for index, link in enumerate(fields.array(raw.get("mediaUrls"), "mediaUrls")):
        found = fields.url(link, f"mediaUrls[{index}]")
        if found:
            media.append({"type": "media", "url": found})
    return fields.make_item(
        external_id=fields.ident(raw.get("id"), "messageCreate.id"),
        kind="message",
        visibility="private",
        created_at=fields.iso_time(raw.get("createdAt"), "messageCreate.createdAt"),
        text=fields.text(raw.get("text"), "messageCreate.text"),
        author_id=fields.ident(raw.get("senderId"), "messageCreate.senderId", required=False),
        media=media,
    )


class XAdapter(Adapter):
    name = "x"
    description = "X (Twitter) account archive: tweets.js, tweet.js, direct-messages.js"

    def read(self, path: str | Path, *, progress: Progress | None = None) -> Iterator[Record]:
        return read_json(path, self._walk, progress)

    def _walk(self, stream: JsonStream) -> Iterator[Record]:
        start = stream.location
        file_name = stream.skip_js_prefix()
        if file_name not in TWEET_FILES | MESSAGE_FILES:
            shown = f"window.YTD.{file_name}" if file_name else "window.__THAR_CONFIG"
            raise JsonStreamError(
                start,
                f"{shown} is not a file this import reads "
                "(tweets.js, tweet.js, direct-messages.js, direct-messages-group.js)",
            )
        if stream.peek() != "[":
            raise JsonStreamError(stream.location, "expected a list after '='")
        for index, location in enumerate(stream.elements()):
            if file_name in MESSAGE_FILES:
                yield from messages(stream, f"[{index}]")
            else:
                yield from convert(location, f"[{index}]", single(tweet_item), stream.value())
