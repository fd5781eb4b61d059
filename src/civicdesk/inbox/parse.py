"""Checking one incoming item in the contract's shape (contract.md, "An item").

Social-media text and imported files are hostile: every field is type-checked and bounded, text is
kept exactly as sent (escaping happens where it is shown), and a bad field is reported by name.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from civicdesk.core.exceptions import InvalidInput
from civicdesk.inbox.models import Kind, Visibility

MAX_TEXT = 100_000
MAX_ID = 200
MAX_NAME = 300
MAX_URL = 2000
MAX_MEDIA = 50
KNOWN_FIELDS = {
    "channel",
    "external_id",
    "kind",
    "visibility",
    "author",
    "text",
    "created_at",
    "in_reply_to",
    "url",
    "media",
    "language",
}
# `Kind.values` builds a new list on every access; the choices are fixed.
KINDS = list(Kind.values)
VISIBILITIES = list(Visibility.values)


@dataclass(frozen=True)
class IncomingItem:
    channel: str
    external_id: str
    kind: str
    visibility: str
    author_id: str
    author_name: str
    author_handle: str
    text: str
    created_at: datetime
    in_reply_to: str
    url: str
    media: list
    language: str
    payload: dict
    digest: str


def _text(data: dict, field: str, limit: int, *, required: bool = False) -> str:
    value = data.get(field)
    if value is None:
        if required:
            raise InvalidInput(f"{field} is required", field=field)
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool) and field.endswith("id"):
        value = str(value)
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be a string", field=field)
    if len(value) > limit:
        raise InvalidInput(f"{field} is longer than {limit} characters", field=field)
    if "\x00" in value:
        raise InvalidInput(f"{field} contains a NUL character", field=field)
    if required and not value.strip():
        raise InvalidInput(f"{field} must not be empty", field=field)
    return value


def _choice(data: dict, field: str, options: list[str], default: str | None = None) -> str:
    value = data.get(field, default)
    if value not in options:
        raise InvalidInput(f"{field} must be one of {', '.join(options)}", field=field)
    return value


def _datetime(data: dict, field: str) -> datetime:
    value = data.get(field)
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be an ISO 8601 date and time", field=field)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidInput(
            f"{field} is not an ISO 8601 date and time: {value[:40]!r}", field=field
        ) from error
    if moment.tzinfo is None:
        raise InvalidInput(f"{field} needs a UTC offset, e.g. +02:00", field=field)
    return moment


def parse_item(raw: Any, *, channel: str | None = None) -> IncomingItem:
    """Check `raw` and return it as an IncomingItem; raises InvalidInput naming the field."""
    if not isinstance(raw, dict):
        raise InvalidInput("an item must be a JSON object")
    unknown = raw.keys() - KNOWN_FIELDS
    if unknown:
        unknown = sorted(unknown)
        raise InvalidInput(f"unknown field '{unknown[0]}'", field=unknown[0])
    data = dict(raw)
    if channel is not None:
        if data.get("channel") not in (None, channel):
            raise InvalidInput(
                f"item is for channel {data.get('channel')!r}, not {channel!r}", field="channel"
            )
        data["channel"] = channel
    author = data.get("author") or {}
    if not isinstance(author, dict):
        raise InvalidInput("author must be an object", field="author")
    media = data.get("media") or []
    if not isinstance(media, list) or len(media) > MAX_MEDIA:
        raise InvalidInput(f"media must be a list of at most {MAX_MEDIA} entries", field="media")
    language = _text(data, "language", 5)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if len(canonical) > MAX_TEXT * 2:
        raise InvalidInput("item is too large", field="text")
    return IncomingItem(
        channel=_text(data, "channel", 80, required=True),
        external_id=_text(data, "external_id", MAX_ID, required=True),
        kind=_choice(data, "kind", KINDS, "comment"),
        visibility=_choice(data, "visibility", VISIBILITIES, "public"),
        author_id=_text(author, "id", MAX_ID),
        author_name=_text(author, "name", MAX_NAME),
        author_handle=_text(author, "handle", MAX_NAME),
        text=_text(data, "text", MAX_TEXT),
        created_at=_datetime(data, "created_at"),
        in_reply_to=_text(data, "in_reply_to", MAX_ID),
        url=_text(data, "url", MAX_URL),
        media=media,
        language=language.lower(),
        payload=data,
        digest=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    )
