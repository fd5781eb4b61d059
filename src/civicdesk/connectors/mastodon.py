"""`--format mastodon`: Mastodon API responses saved to a file.

Reference: https://docs.joinmastodon.org/entities/Status/ and
https://docs.joinmastodon.org/entities/Notification/. Accepted: one Status, a list of Statuses
(a timeline or `/api/v1/accounts/:id/statuses`), or a list of Notifications
(`{type, account, status}`: mentions and new statuses become items; favourites, boosts and follows
are passed over).
Pleroma and Akkoma serve the same shape with extra blocks, which are ignored.

`content` is HTML; it becomes plain text with the stdlib HTML parser (tags dropped, `<br>` and
paragraphs as line breaks, entities decoded). A content warning (`spoiler_text`) comes first,
followed by a blank line. Kind: a `direct` status is a private `message`; a mention notification is
a `mention`; a reply is a `comment`; anything else is a `post`.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from civicdesk.connectors import fields
from civicdesk.connectors.base import Adapter, Progress, Record
from civicdesk.connectors.jsonstream import JsonStream
from civicdesk.connectors.reading import convert, read_json, wrong_top_level

_PRIVATE = {"private", "direct"}


_STATUS_NOTIFICATIONS = {"mention", "status", "update"}


def entry(raw: Any) -> Iterator[tuple[str, Any]]:
    """A Status, or a Notification: those about someone else's status give an item; likes,
    boosts and follows of the channel's own content are not items and are passed over."""
    raw = fields.obj(raw, "entry")
    if "type" in raw and "account" in raw and "content" not in raw:  # a Notification
        kind = raw.get("type")
        if kind not in _STATUS_NOTIFICATIONS:
            return
        status = fields.obj(raw.get("status"), "status")
        if not status:
            raise fields.BadEntry(f"a {kind!r} notification without a status")
        yield ".status", status_item(status, mention=kind == "mention")
    else:
        yield "", status_item(raw)


def status_item(raw: dict, *, mention: bool = False) -> dict:
    account = fields.obj(raw.get("account"), "account")
    visibility = fields.text(raw.get("visibility"), "visibility", limit=20) or "public"
    body = fields.html_to_text(raw.get("content"), "content")
    warning = fields.text(raw.get("spoiler_text"), "spoiler_text")
    if warning:
        body = fields.text(f"{warning}\n\n{body}", "content")
    in_reply_to = fields.ident(raw.get("in_reply_to_id"), "in_reply_to_id", required=False)
    if visibility == "direct":
        kind = "message"
    elif mention:
        kind = "mention"
    elif in_reply_to:
        kind = "comment"
    else:
        kind = "post"
    return fields.make_item(
        external_id=fields.ident(raw.get("id"), "id"),
        kind=kind,
        visibility="private" if visibility in _PRIVATE else "public",
        created_at=fields.iso_time(raw.get("created_at"), "created_at"),
        text=body,
        author_id=fields.ident(account.get("id"), "account.id", required=False),
        author_name=fields.name(account.get("display_name"), "account.display_name"),
        author_handle=fields.name(account.get("acct"), "account.acct"),
        in_reply_to=in_reply_to,
        url=fields.url(raw.get("url") or raw.get("uri"), "url"),
        media=_media(raw.get("media_attachments")),
        language=raw.get("language"),
    )


def _media(value: Any) -> list[dict]:
    media = []
    for index, attachment in enumerate(fields.array(value, "media_attachments")):
        attachment = fields.obj(attachment, f"media_attachments[{index}]")
        link = fields.url(
            attachment.get("url") or attachment.get("remote_url"), f"media_attachments[{index}].url"
        )
        if link:
            found = {"type": fields.text(attachment.get("type"), "type", limit=40) or "unknown"}
            found["url"] = link
            description = fields.text(attachment.get("description"), "description", limit=1500)
            if description:
                found["description"] = description
            media.append(found)
    return media


class MastodonAdapter(Adapter):
    name = "mastodon"
    description = "Mastodon API: a Status, a list of Statuses or of Notifications"

    def read(self, path: str | Path, *, progress: Progress | None = None) -> Iterator[Record]:
        return read_json(path, self._walk, progress)

    def _walk(self, stream: JsonStream) -> Iterator[Record]:
        if stream.peek() == "{":
            yield from convert(stream.location, "", entry, stream.value())
        elif stream.peek() == "[":
            for index, location in enumerate(stream.elements()):
                yield from convert(location, f"[{index}]", entry, stream.value())
        else:
            raise wrong_top_level(stream, "a Mastodon Status or a list of them")
