"""`--format bluesky`: Bluesky (AT Protocol) API responses saved to a file.

Reference: https://docs.bsky.app/docs/api/app-bsky-notification-list-notifications and
https://docs.bsky.app/docs/api/app-bsky-feed-get-post-thread.

- `app.bsky.notification.listNotifications`: `{notifications: [{uri, cid, author{did, handle,
  displayName}, reason, reasonSubject, record{text, reply{root, parent}, createdAt, langs},
  indexedAt}], cursor}`. `reply` becomes a comment, `mention` and `quote` a mention; likes,
  reposts and follows are not items and are passed over.
- `app.bsky.feed.getPostThread`: `{thread: {post, parent?, replies: [thread…]}}`: every post in the
  thread, the parent chain first; a post with `record.reply` is a comment, otherwise a post.
- `app.bsky.feed.getAuthorFeed` / timelines: `{feed: [{post, reply?, reason?}], cursor}`.

The external_id is the post's `at://` URI; `in_reply_to` is the parent's.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from civicdesk.connectors import fields
from civicdesk.connectors.base import Adapter, Progress, Record
from civicdesk.connectors.jsonstream import JsonStream
from civicdesk.connectors.reading import convert, problem, read_json, wrong_top_level

_REASON_KIND = {"reply": "comment", "mention": "mention", "quote": "mention"}
MAX_THREAD = 10_000  # posts in one thread


def post_item(view: dict, kind: str | None = None) -> dict:
    """A post view (`{uri, author, record, embed?, indexedAt}`) or a notification as an item."""
    uri = fields.ident(view.get("uri"), "uri")
    author = fields.obj(view.get("author"), "author")
    record = fields.obj(view.get("record"), "record")
    reply = fields.obj(record.get("reply"), "record.reply")
    parent = fields.obj(reply.get("parent"), "record.reply.parent")
    moment = record.get("createdAt") or view.get("indexedAt")
    langs = record.get("langs")
    handle = fields.name(author.get("handle"), "author.handle")
    did = fields.ident(author.get("did"), "author.did", required=False)
    return fields.make_item(
        external_id=uri,
        kind=kind or ("comment" if parent else "post"),
        created_at=fields.iso_time(moment, "record.createdAt"),
        text=fields.text(record.get("text"), "record.text"),
        author_id=did,
        author_name=fields.name(author.get("displayName"), "author.displayName"),
        author_handle=handle,
        in_reply_to=fields.ident(parent.get("uri"), "record.reply.parent.uri", required=False),
        url=_web_url(uri, handle or did),
        media=_media(view.get("embed")),
        language=langs[0] if isinstance(langs, list) and langs else None,
    )


def _web_url(uri: str, who: str | None) -> str | None:
    # at://did:plc:…/app.bsky.feed.post/<rkey> → https://bsky.app/profile/<who>/post/<rkey>
    parts = uri.split("/")
    if len(parts) == 5 and parts[3] == "app.bsky.feed.post" and who:
        return f"https://bsky.app/profile/{who}/post/{parts[4]}"
    return None


def _media(embed: Any) -> list[dict]:
    """Images, video and link cards of an embed view (`…#view`), including recordWithMedia."""
    embed = fields.obj(embed, "embed")
    if isinstance(embed.get("media"), dict):
        embed = embed["media"]
    media = []
    for index, image in enumerate(fields.array(embed.get("images"), "embed.images")):
        image = fields.obj(image, f"embed.images[{index}]")
        link = fields.url(image.get("fullsize"), f"embed.images[{index}].fullsize")
        if link:
            alt = fields.text(image.get("alt"), f"embed.images[{index}].alt", limit=2000)
            media.append({"type": "image", "url": link, "description": alt or ""})
    playlist = fields.url(embed.get("playlist"), "embed.playlist")
    if playlist:
        media.append({"type": "video", "url": playlist})
    external = fields.obj(embed.get("external"), "embed.external")
    link = fields.url(external.get("uri"), "embed.external.uri")
    if link:
        media.append({"type": "link", "url": link})
    return media


def notification(raw: Any) -> Iterator[tuple[str, Any]]:
    raw = fields.obj(raw, "notification")
    kind = _REASON_KIND.get(raw.get("reason"))
    if kind:
        yield "", post_item(raw, kind)


def feed_entry(raw: Any) -> Iterator[tuple[str, Any]]:
    yield ".post", post_item(fields.obj(fields.obj(raw, "entry").get("post"), "post"))


def thread(raw: Any) -> Iterator[tuple[str, Any]]:
    """Every post of a thread view: the parent chain (oldest first), the post, then the replies.

    Walked with explicit lists, so a deep reply chain cannot exhaust Python's recursion.
    """
    root = fields.obj(raw, "thread")
    parents = []
    current, at = fields.obj(root.get("parent"), "parent"), ".parent"
    while current and len(parents) < MAX_THREAD:
        parents.append((current, at))
        current, at = fields.obj(current.get("parent"), "parent"), at + ".parent"
    pending = [(root, "")]
    ordered = list(reversed(parents))
    while pending and len(ordered) < MAX_THREAD:
        node, at = pending.pop()
        ordered.append((node, at))
        replies = fields.array(node.get("replies"), f"{at}.replies")
        pending.extend((r, f"{at}.replies[{i}]") for i, r in reversed(list(enumerate(replies))))
    if pending:
        yield (
            "thread",
            fields.BadEntry(f"more than {MAX_THREAD} posts in the thread; the rest skipped"),
        )
    for node, at in ordered:
        if not isinstance(node, dict) or not isinstance(node.get("post"), dict):
            continue  # notFoundPost, blockedPost: nothing to import
        try:
            yield f"thread{at}.post", post_item(node["post"])
        except fields.BadEntry as error:
            yield f"thread{at}.post", error


class BlueskyAdapter(Adapter):
    name = "bluesky"
    description = "Bluesky: listNotifications, getPostThread, getAuthorFeed responses"

    def read(self, path: str | Path, *, progress: Progress | None = None) -> Iterator[Record]:
        return read_json(path, self._walk, progress)

    def _walk(self, stream: JsonStream) -> Iterator[Record]:
        if stream.peek() != "{":
            raise wrong_top_level(stream, "a Bluesky API response object")
        start = stream.location
        recognised = False
        for key in stream.members():
            if key == "thread":
                recognised = True
                yield from convert(stream.location, "", thread, stream.value())
            elif key in ("notifications", "feed") and stream.peek() == "[":
                recognised = True
                build = notification if key == "notifications" else feed_entry
                for index, location in enumerate(stream.elements()):
                    yield from convert(location, f"{key}[{index}]", build, stream.value())
        if not recognised:
            yield problem(start, "", "no entries found: expected notifications, thread or feed")
