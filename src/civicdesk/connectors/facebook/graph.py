"""Graph API pages: `/{page-id}/feed` and `/posts`, `/{post-id}/comments`, `/conversations`.

Reference: https://developers.facebook.com/docs/graph-api/reference/page/feed,
https://developers.facebook.com/docs/graph-api/reference/object/comments,
https://developers.facebook.com/docs/graph-api/reference/page/conversations.

A page is `{data: [...], paging: {cursors, next}}`. A post's `id` is `"{pageid}_{postid}"`, a
comment's `"{postid}_{commentid}"`; `created_time` looks like `2021-07-09T19:09:52+0000`. `from`
appears only with a page access token, so it may be missing. Comment pages fetched without `id`
still carry `permalink_url` (`…/{page}/posts/{post}/?comment_id=C&reply_comment_id=R`), from which
the ids are rebuilt.
"""

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

from civicdesk.connectors import fields
from civicdesk.connectors.fields import BadEntry

MAX_NESTED = 10_000  # comments embedded in one post


def entry(raw: Any) -> Iterator[tuple[str, Any]]:
    """One element of `data[]`: a post (with any embedded comments), a comment or a conversation."""
    raw = fields.obj(raw, "entry")
    if isinstance(raw.get("messages"), dict):
        yield from _conversation(raw)
    elif _is_comment(raw):
        yield "", _comment(raw, None)
        yield from _nested_comments(raw, "", _comment_id(raw))
    else:
        post = _post(raw)
        yield "", post
        yield from _nested_comments(raw, "", post["external_id"])


def _is_comment(raw: dict) -> bool:
    permalink = raw.get("permalink_url")
    return (
        "parent" in raw
        or "comment_count" in raw
        or "attachment" in raw
        or (isinstance(permalink, str) and "comment_id=" in permalink)
    )


def _author(raw: dict) -> tuple[str | None, str | None]:
    author = fields.obj(raw.get("from"), "from")
    return fields.ident(author.get("id"), "from.id", required=False), fields.name(
        author.get("name"), "from.name"
    )


def _post(raw: dict) -> dict:
    external_id = fields.ident(raw.get("id"), "id")
    author_id, author_name = _author(raw)
    page_id = external_id.split("_", 1)[0]
    # A visitor's post on the page is addressed to the channel: it wants an answer like a comment.
    kind = "comment" if author_id and author_id != page_id else "post"
    return fields.make_item(
        external_id=external_id,
        kind=kind,
        created_at=fields.iso_time(raw.get("created_time"), "created_time"),
        text=fields.text(raw.get("message"), "message"),
        author_id=author_id,
        author_name=author_name,
        url=fields.url(raw.get("permalink_url"), "permalink_url"),
        media=_attachments(raw.get("attachments"), "attachments"),
    )


def _permalink_ids(raw: dict) -> tuple[str | None, str | None, str | None]:
    """(post's Graph id, comment id, reply id) read from a comment's permalink_url."""
    link = raw.get("permalink_url")
    if not isinstance(link, str) or len(link) > fields.MAX_URL:
        return None, None, None
    parts = urlsplit(link)
    query = parse_qs(parts.query)
    segments = [s for s in parts.path.split("/") if s]
    numeric = [s for s in segments if s.isdigit()]
    post = None
    if numeric:
        post = numeric[-1]
        if len(numeric) > 1 and numeric[0] != post:
            post = f"{numeric[0]}_{post}"
    comment = (query.get("comment_id") or [None])[0]
    reply = (query.get("reply_comment_id") or [None])[0]
    return post, comment, reply


def _comment_id(raw: dict) -> str:
    if raw.get("id") is not None:
        return fields.ident(raw.get("id"), "id")
    post, comment, reply = _permalink_ids(raw)
    own = reply or comment
    if not own:
        raise BadEntry("id is missing and permalink_url does not name the comment")
    bare_post = post.rsplit("_", 1)[-1] if post else None
    return fields.ident(f"{bare_post}_{own}" if bare_post else own, "id")


def _comment(raw: dict, parent: str | None) -> dict:
    external_id = _comment_id(raw)
    if "parent" in raw:
        parent = fields.ident(fields.obj(raw.get("parent"), "parent").get("id"), "parent.id")
    elif parent is None:
        post, comment, reply = _permalink_ids(raw)
        bare_post = post.rsplit("_", 1)[-1] if post else None
        parent = post
        if reply and comment:  # a reply: its parent is the comment, not the post
            parent = f"{bare_post}_{comment}" if bare_post else comment
    author_id, author_name = _author(raw)
    attachment = raw.get("attachment")
    return fields.make_item(
        external_id=external_id,
        kind="comment",
        created_at=fields.iso_time(raw.get("created_time"), "created_time"),
        text=fields.text(raw.get("message"), "message"),
        author_id=author_id,
        author_name=author_name,
        in_reply_to=fields.ident(parent, "parent.id", required=False),
        url=fields.url(raw.get("permalink_url"), "permalink_url"),
        media=_attachments({"data": [attachment]} if attachment else None, "attachment"),
    )


def _nested_comments(raw: dict, path: str, parent: str) -> Iterator[tuple[str, Any]]:
    """Comments embedded with `fields=comments{…}` (and their replies), after their post.

    Walked with an explicit stack, so deep reply chains cannot exhaust Python's recursion.
    """
    stack = [(raw, path, parent)]
    seen = 0
    while stack:
        current, at, parent_id = stack.pop()
        comments = current.get("comments")
        if not isinstance(comments, dict):
            continue
        data = comments.get("data")
        if not isinstance(data, list):
            continue
        children = []
        for index, comment in enumerate(data):
            seen += 1
            if seen > MAX_NESTED:
                yield at, BadEntry(f"more than {MAX_NESTED} embedded comments; the rest skipped")
                return
            where = f"{at}.comments.data[{index}]"
            try:
                comment = fields.obj(comment, "comment")
                item = _comment(comment, parent_id)
            except BadEntry as error:
                yield where, error
                continue
            yield where, item
            children.append((comment, where, item["external_id"]))
        stack.extend(reversed(children))


def _conversation(raw: dict) -> Iterator[tuple[str, Any]]:
    """`/{page-id}/conversations?fields=messages{message,from,created_time}`: private messages."""
    data = fields.array(raw["messages"].get("data"), "messages.data")
    for index, message in enumerate(data):
        where = f".messages.data[{index}]"
        try:
            message = fields.obj(message, "message")
            author_id, author_name = _author(message)
            yield (
                where,
                fields.make_item(
                    external_id=fields.ident(message.get("id"), "id"),
                    kind="message",
                    visibility="private",
                    created_at=fields.iso_time(message.get("created_time"), "created_time"),
                    text=fields.text(message.get("message"), "message"),
                    author_id=author_id,
                    author_name=author_name,
                    media=_attachments(message.get("attachments"), "attachments"),
                ),
            )
        except BadEntry as error:
            yield where, error


def _attachments(value: Any, field: str) -> list[dict]:
    """`attachments{data[{media_type, media{image{src}}, url, subattachments}]}` → media."""
    media: list[dict] = []
    pending = [(value, field)]
    while pending and len(media) < fields.MAX_MEDIA:
        current, at = pending.pop()
        for index, attachment in enumerate(fields.array(fields.obj(current, at).get("data"), at)):
            where = f"{at}.data[{index}]"
            attachment = fields.obj(attachment, where)
            image = fields.obj(
                fields.obj(attachment.get("media"), f"{where}.media").get("image"), "image"
            )
            image_data = fields.obj(attachment.get("image_data"), f"{where}.image_data")
            kind = attachment.get("media_type") or attachment.get("type") or "link"
            found = {
                "type": fields.text(kind, f"{where}.type", limit=40),
                "url": fields.url(
                    image.get("src") or attachment.get("url") or image_data.get("url"),
                    f"{where}.url",
                ),
            }
            if found["url"]:
                media.append(found)
            if attachment.get("subattachments"):
                pending.append((attachment["subattachments"], f"{where}.subattachments"))
    return media[: fields.MAX_MEDIA]
