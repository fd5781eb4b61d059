"""Shared by the Facebook and Instagram "Download Your Information" exports.

Both write every string as UTF-8 bytes escaped as latin-1 characters (`\\u00c3\\u00b8` is `ø`) and
carry no IDs; both use the same Messenger thread shape (`message_1.json`):
`{participants: [{name}], messages: [{sender_name, timestamp_ms, content, photos, videos, …}]}`.
"""

from collections.abc import Iterator
from typing import Any

from civicdesk.connectors import fields
from civicdesk.connectors.base import Record
from civicdesk.connectors.jsonstream import JsonStream
from civicdesk.connectors.reading import convert, single

_MESSAGE_MEDIA = {
    "photos": "image",
    "videos": "video",
    "gifs": "image",
    "audio_files": "audio",
    "files": "file",
}


def fixed(value: Any, field: str, *, limit: int = fields.MAX_TEXT) -> str | None:
    """A DYI string field, bounded and with the mojibake repaired."""
    found = fields.text(value, field, limit=limit)
    return fields.repair_mojibake(found, field) if found else found


def export_media(entries: Any, field: str, kind: str = "image") -> list[dict]:
    """`[{uri, creation_timestamp, title?, description?}]` → media entries (paths in the export)."""
    media = []
    for index, entry in enumerate(fields.array(entries, field)):
        entry = fields.obj(entry, f"{field}[{index}]")
        uri = fixed(entry.get("uri"), f"{field}[{index}].uri", limit=fields.MAX_URL)
        if uri:
            media.append({"type": kind, "path": uri})
    return media


def message_item(message: Any, prefix: str) -> dict:
    """One Messenger (or Instagram Direct) message as a private `message` item."""
    message = fields.obj(message, "message")
    created_at = fields.unix_time(message.get("timestamp_ms"), "timestamp_ms", millis=True)
    sender = fixed(message.get("sender_name"), "sender_name", limit=fields.MAX_NAME)
    body = fixed(message.get("content"), "content") or ""
    media = []
    for key, kind in _MESSAGE_MEDIA.items():
        media += export_media(message.get(key), key, kind)
    share = fields.obj(message.get("share"), "share")
    link = fields.text(share.get("link"), "share.link", limit=fields.MAX_URL)
    if link:
        media.append({"type": "link", "url": link})
    return fields.make_item(
        external_id=fields.stable_id(prefix, message.get("timestamp_ms"), sender, body),
        kind="message",
        visibility="private",
        created_at=created_at,
        text=body,
        author_name=sender,
        media=media,
    )


def messages(stream: JsonStream, prefix: str) -> Iterator[Record]:
    """The `messages` array of a thread, one Record per message."""
    for index, location in enumerate(stream.elements()):
        yield from convert(
            location, f"messages[{index}]", single(message_item), stream.value(), prefix
        )
