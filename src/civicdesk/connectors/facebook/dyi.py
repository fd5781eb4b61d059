"""Facebook "Download Your Information" (JSON) entries: comments, posts. Messenger is in `meta`.

- `comments_v2`: `[{timestamp, title, data: [{comment: {timestamp, comment, author}}],
  attachments}]`
- `your_posts_1.json`: `[{timestamp, title?, data: [{post} | {update_timestamp}], attachments}]`

There are no IDs, so each item's external_id is a hash of (timestamp, author, text): importing a
later export of the same account recognises what was already imported. Strings are repaired from the
export's latin-1 mojibake (see `meta`).
"""

from typing import Any

from civicdesk.connectors import fields
from civicdesk.connectors.meta import export_media, fixed


def _attachments(value: Any) -> list[dict]:
    """`attachments: [{data: [{media: {uri…}} | {external_context: {url}}]}]` → media."""
    media: list[dict] = []
    for index, attachment in enumerate(fields.array(value, "attachments")):
        at = f"attachments[{index}]"
        for inner, part in enumerate(fields.array(fields.obj(attachment, at).get("data"), at)):
            part = fields.obj(part, f"{at}.data[{inner}]")
            if "media" in part:
                media += export_media([part["media"]], f"{at}.data[{inner}].media")
            context = fields.obj(part.get("external_context"), "external_context")
            link = fields.url(context.get("url"), f"{at}.data[{inner}].external_context.url")
            if link:
                media.append({"type": "link", "url": link})
    return media


def comment(raw: Any) -> dict | None:
    """One `comments_v2` entry; None for an entry with neither a comment nor an attachment."""
    raw = fields.obj(raw, "entry")
    found: dict = {}
    for index, part in enumerate(fields.array(raw.get("data"), "data")):
        part = fields.obj(part, f"data[{index}]")
        if "comment" in part:
            found = fields.obj(part["comment"], f"data[{index}].comment")
            break
    media = _attachments(raw.get("attachments"))
    if not found and not media:
        return None
    moment = found.get("timestamp", raw.get("timestamp"))
    created_at = fields.unix_time(moment, "timestamp")
    author = fixed(found.get("author"), "comment.author", limit=fields.MAX_NAME)
    body = fixed(found.get("comment"), "comment.comment") or ""
    return fields.make_item(
        external_id=fields.stable_id("fb-comment", moment, author, body),
        kind="comment",
        created_at=created_at,
        text=body,
        author_name=author,
        media=media,
    )


def post(raw: Any) -> dict | None:
    """One `your_posts_1.json` entry; None for an entry with neither text nor attachment."""
    raw = fields.obj(raw, "entry")
    body = ""
    for index, part in enumerate(fields.array(raw.get("data"), "data")):
        part = fields.obj(part, f"data[{index}]")
        if "post" in part:
            body = fixed(part["post"], f"data[{index}].post") or ""
            break
    media = _attachments(raw.get("attachments"))
    if not body and not media:
        return None
    moment = raw.get("timestamp")
    return fields.make_item(
        external_id=fields.stable_id("fb-post", moment, None, body),
        kind="post",
        created_at=fields.unix_time(moment, "timestamp"),
        text=body,
        media=media,
    )
