"""`--format bluesky`: listNotifications and getPostThread responses, replayed."""

import json

from civicdesk.connectors import bluesky
from civicdesk.connectors.tests.helpers import FIXTURES, items, read, sample, write

BSKY = FIXTURES / "bluesky"
POST = "at://did:plc:tyresotyresotyresotyreso/app.bsky.feed.post/3kxyzpost001"
REPLY = "at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3kxyzreply01"


class TestNotifications:
    def test_replies_and_mentions_become_items_and_likes_do_not(self):
        entries, problems = read("bluesky", BSKY / "list_notifications.json")
        assert [(e.item["external_id"].rsplit("/", 1)[1], e.item["kind"]) for e in entries] == [
            ("3kxyzreply01", "comment"),
            ("3kxyzmention1", "mention"),
        ]
        reply = entries[0].item
        assert reply["in_reply_to"] == POST
        assert reply["author"] == {
            "id": "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa",
            "name": "Maria",
            "handle": "maria.example.se",
        }
        assert reply["url"] == "https://bsky.app/profile/maria.example.se/post/3kxyzreply01"
        assert reply["language"] == "sv"
        assert [(p.position.path, "out of range" in p.message) for p in problems] == [
            ("notifications[3]", True)
        ]


class TestThreads:
    def test_every_post_of_the_thread_in_order(self):
        entries, problems = read("bluesky", BSKY / "thread.json")
        assert problems == []
        found = items(entries)
        assert [e.item["external_id"] for e in entries] == [
            POST,
            REPLY,
            "at://did:plc:tyresotyresotyresotyreso/app.bsky.feed.post/3kxyzreply02",
        ]
        assert found[POST]["kind"] == "post"
        assert found[POST]["media"][0]["description"] == "Skylt med öppettider"
        assert found[REPLY]["kind"] == "comment"
        assert entries[2].item["in_reply_to"] == REPLY
        assert entries[2].position.path == "thread.replies[0].replies[0].post"

    def test_the_real_sample_is_read(self):
        entries, problems = read(
            "bluesky", sample("atproto__thread_view_post_with_embed_media.json")
        )
        assert problems == []
        item = entries[0].item
        assert item["external_id"].endswith("/3kaheyt6vpc22")
        assert item["media"][0]["type"] == "image"
        assert item["created_at"] == "2023-09-28T12:49:36.735000+00:00"


class TestHostileFiles:
    def test_deep_reply_chains_do_not_recurse(self, tmp_path):
        post = {
            "uri": "at://d/app.bsky.feed.post/x",
            "record": {"createdAt": "2026-06-18T12:00:00Z"},
        }
        thread: dict = {}
        for _ in range(50):
            thread = {"post": post, "replies": [thread]}
        path = write(tmp_path, "t.json", json.dumps({"thread": thread}))
        entries, problems = read("bluesky", path)
        assert len(entries) == 50
        assert [p.message for p in problems] == []

    def test_a_huge_thread_is_cut_with_a_problem(self, tmp_path, monkeypatch):
        monkeypatch.setattr(bluesky, "MAX_THREAD", 5)
        post = {
            "uri": "at://d/app.bsky.feed.post/x",
            "record": {"createdAt": "2026-06-18T12:00:00Z"},
        }
        thread = {"post": post, "replies": [{"post": post, "replies": []}] * 10}
        entries, problems = read(
            "bluesky", write(tmp_path, "t.json", json.dumps({"thread": thread}))
        )
        assert len(entries) == 5
        assert [p.message for p in problems] == [
            "more than 5 posts in the thread; the rest skipped"
        ]

    def test_a_list_is_the_wrong_shape(self, tmp_path):
        _, problems = read("bluesky", write(tmp_path, "t.json", "[]"))
        assert "expected a Bluesky API response object" in problems[0].message
