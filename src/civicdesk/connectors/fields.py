"""Checked, bounded conversions from platform fields to the contract's item fields.

Every helper raises `BadEntry` with a message naming the platform's field; adapters turn that into
a `Problem` for the entry and go on with the next. The bounds are the inbox's own
(`inbox/parse.py`), so an item that leaves an adapter is not rejected later for its size.
"""

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Any

MAX_TEXT = 100_000
MAX_HTML = 4 * MAX_TEXT  # markup around the text
MAX_ID = 200
MAX_NAME = 300
MAX_URL = 2000
MAX_MEDIA = 50
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


class BadEntry(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def text(value: Any, field: str, *, limit: int = MAX_TEXT, required: bool = False) -> str | None:
    """A string field: None stays None (unless required); no NUL; at most `limit` characters."""
    if value is None:
        if required:
            raise BadEntry(f"{field} is missing")
        return None
    if not isinstance(value, str):
        raise BadEntry(f"{field} must be a string, not {_type(value)}")
    if "\x00" in value:
        raise BadEntry(f"{field} contains a NUL character")
    if len(value) > limit:
        raise BadEntry(f"{field} is {len(value)} characters long; the limit is {limit}")
    if required and not value.strip():
        raise BadEntry(f"{field} is empty")
    return value


def ident(value: Any, field: str, *, required: bool = True) -> str | None:
    """An identifier: a string or an integer (platforms use both), at most MAX_ID characters."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return text(value, field, limit=MAX_ID, required=required)


def name(value: Any, field: str) -> str | None:
    return text(value, field, limit=MAX_NAME) or None


def url(value: Any, field: str) -> str | None:
    found = text(value, field, limit=MAX_URL)
    if found and not found.startswith(("https://", "http://")):
        raise BadEntry(f"{field} is not an http(s) address")
    return found or None


def _checked(moment: datetime, field: str, shown: Any) -> str:
    if not EARLIEST <= moment < LATEST:
        raise BadEntry(f"{field} {shown!r} is out of range (1990–2099)")
    return moment.isoformat()


def iso_time(value: Any, field: str) -> str:
    """An ISO 8601 time with an offset (`2021-07-09T19:09:52+0000`, `…Z`) as `…+00:00`."""
    if value is None:
        raise BadEntry(f"{field} is missing")
    if not isinstance(value, str) or len(value) > 40:
        raise BadEntry(f"{field} must be an ISO 8601 date and time")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadEntry(f"{field} is not an ISO 8601 date and time: {value!r}") from None
    if moment.tzinfo is None:
        raise BadEntry(f"{field} has no UTC offset: {value!r}")
    return _checked(moment, field, value)


def unix_time(value: Any, field: str, *, millis: bool = False) -> str:
    """Seconds (or milliseconds) since 1970 as an ISO 8601 time in UTC."""
    if value is None:
        raise BadEntry(f"{field} is missing")
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise BadEntry(f"{field} must be a number of {'milliseconds' if millis else 'seconds'}")
    seconds = value / 1000 if millis else value
    if not EARLIEST.timestamp() <= seconds < LATEST.timestamp():
        raise BadEntry(f"{field} {value!r} is out of range (1990–2099)")
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat()


def twitter_time(value: Any, field: str) -> str:
    """X's `Wed Dec 22 09:45:12 +0000 2021`, parsed without the locale (strptime's %a/%b use it)."""
    if value is None:
        raise BadEntry(f"{field} is missing")
    parts = value.split() if isinstance(value, str) and len(value) <= 40 else []
    try:
        _, month, day, clock, offset, year = parts
        hours, minutes, seconds = (int(p) for p in clock.split(":"))
        sign = {"+": 1, "-": -1}[offset[0]]
        if len(offset) != 5:
            raise ValueError
        delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))
        zone = timezone(sign * delta)
        moment = datetime(int(year), _MONTHS[month], int(day), hours, minutes, seconds, tzinfo=zone)
    except (ValueError, KeyError, IndexError):
        raise BadEntry(f"{field} is not a date like 'Wed Dec 22 09:45:12 +0000 2021'") from None
    return _checked(moment, field, value)


def repair_mojibake(value: str, field: str) -> str:
    """Undo Meta exports' UTF-8-read-as-latin-1 (`\\u00c3\\u00b8` → `ø`).

    Text with characters beyond latin-1 is already proper Unicode and is kept. Text inside latin-1
    that is not valid UTF-8 once re-encoded cannot be repaired: it is reported, not guessed at.
    """
    try:
        raw = value.encode("latin-1")
    except UnicodeEncodeError:
        return value
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadEntry(
            f"{field} is not the export's latin-1-escaped UTF-8 (byte {error.start}: "
            f"{error.reason}); was the file already converted?"
        ) from None


def stable_id(kind: str, *parts: Any) -> str:
    """An external_id for platforms whose exports carry none: a hash of what identifies the entry.

    The same entry in a later export gets the same id, so importing it again changes nothing.
    """
    canonical = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{kind}:sha256:{hashlib.sha256(canonical.encode('utf-8')).hexdigest()[:40]}"


class _TextExtractor(HTMLParser):
    """Text of an HTML fragment: `<br>` and paragraph ends become line breaks, tags vanish."""

    _SKIP = {"script", "style", "template"}
    _BREAK = {"br"}
    _BLOCK = {"p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BREAK:
            self.parts.append("\n")
        elif tag in self._BLOCK and self.parts and not self.parts[-1].endswith("\n\n"):
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(value: Any, field: str) -> str:
    """Plain text of an HTML fragment (Mastodon `content`), parsed with the stdlib parser."""
    markup = text(value, field, limit=MAX_HTML) or ""
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    result = "".join(extractor.parts).strip()
    return text(result, field) or ""


def make_item(
    *,
    external_id: str,
    kind: str,
    created_at: str,
    text: str | None,
    visibility: str = "public",
    author_id: str | None = None,
    author_name: str | None = None,
    author_handle: str | None = None,
    in_reply_to: str | None = None,
    url: str | None = None,
    media: list | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """An item in the contract's shape, without `channel` (the import command sets it)."""
    media = media or []
    if len(media) > MAX_MEDIA:
        media = media[:MAX_MEDIA]
    if language is not None and (not isinstance(language, str) or not 0 < len(language) <= 5):
        language = None
    return {
        "external_id": external_id,
        "kind": kind,
        "visibility": visibility,
        "author": {"id": author_id, "name": author_name, "handle": author_handle},
        "text": text or "",
        "created_at": created_at,
        "in_reply_to": in_reply_to,
        "url": url,
        "media": media,
        "language": language,
    }


def obj(value: Any, field: str) -> dict:
    """A JSON object, or an empty one for null/absent; anything else is a bad entry."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadEntry(f"{field} must be an object, not {_type(value)}")
    return value


def array(value: Any, field: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadEntry(f"{field} must be a list, not {_type(value)}")
    return value


def _type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), "null" if value is None else "a number"
    )
