"""`--format x`: X archive files (tweets.js, tweet.js, direct-messages.js), replayed."""

import pytest

from civicdesk.connectors.tests.helpers import FIXTURES, items, read, sample, write

X = FIXTURES / "x"


class TestTweets:
    def test_wrapped_tweets_become_posts(self):
        entries, _ = read("x", X / "tweets.js")
        first = items(entries)["1801234567890123456"]
        assert first["kind"] == "post"
        assert first["visibility"] == "public"
        assert first["text"] == "Badplatserna & vattenproverna > se #Tyresö webbplats för läget"
        assert first["created_at"] == "2026-06-18T09:45:12+00:00"
        assert first["url"] == "https://x.com/i/web/status/1801234567890123456"
        assert first["language"] == "sv"
        assert first["in_reply_to"] is None

    def test_replies_and_media(self):
        entries, _ = read("x", X / "tweets.js")
        reply = items(entries)["1801234567890123457"]
        assert reply["in_reply_to"] == "1801234567890000001"
        assert reply["media"] == [
            {"type": "photo", "url": "https://pbs.twimg.com/media/EXAMPLE123.jpg"}
        ]

    def test_a_tweet_without_a_date_is_a_problem_and_the_next_still_comes(self):
        entries, problems = read("x", X / "tweets.js")
        assert [e.item["external_id"] for e in entries][-1] == "1801234567890123459"
        assert [(p.position.line, p.position.path, p.message) for p in problems] == [
            (53, "[2]", "created_at is missing")
        ]

    def test_the_real_legacy_sample_is_read(self):
        entries, problems = read("x", sample("pdpp__tweet.js"))
        assert problems == []
        assert [(e.item["external_id"], e.item["created_at"]) for e in entries] == [
            ("9999", "2024-06-06T10:00:00+00:00")
        ]
        assert entries[0].item["text"] == "Legacy flat shape (no .tweet wrapper)"


class TestDirectMessages:
    def test_messages_are_private_and_events_are_passed_over(self):
        entries, problems = read("x", X / "direct-messages.js")
        assert [e.item["external_id"] for e in entries] == [
            "1800000000000000001",
            "1800000000000000003",
        ]
        first = entries[0].item
        assert (first["kind"], first["visibility"]) == ("message", "private")
        assert first["author"]["id"] == "44556677"
        assert first["media"] == [
            {"type": "media", "url": "https://ton.twitter.com/dm/1/2/EXAMPLE.jpg"}
        ]
        assert first["created_at"] == "2026-06-18T08:15:00+00:00"
        assert entries[0].position.line == 6
        assert [(p.position.path, p.message) for p in problems] == [
            ("[0].dmConversation.messages[2]", "messageCreate.createdAt is missing")
        ]

    def test_the_real_sample_is_read(self):
        entries, problems = read("x", sample("pdpp__direct-messages.js"))
        assert [e.item["external_id"] for e in entries] == ["m1", "m2", "m4"]
        assert entries[0].item["text"] == 'hey there — em dash, "quoted", and \\ backslash'
        assert entries[1].item["text"] == "multi\nline reply with unicode ☃ and a ] bracket"
        assert len(problems) == 1
        assert "createdAt is missing" in problems[0].message


class TestHostileFiles:
    @pytest.mark.parametrize(
        ("content", "expected"),
        [
            ('[{"tweet": {}}]', "not an X archive file"),
            ("window.YTD.like.part0 = []", "window.YTD.like is not a file this import reads"),
            ("window.__THAR_CONFIG = {}", "window.__THAR_CONFIG is not a file"),
            ("window.YTD.tweets.part0 = {}", "expected a list after '='"),
            ('window.YTD.tweets.part0 = [{"tweet": {"id_str": "1"', "truncated"),
        ],
    )
    def test_each_gives_one_clear_problem(self, tmp_path, content, expected):
        entries, problems = read("x", write(tmp_path, "tweets.js", content))
        assert entries == []
        assert len(problems) == 1
        assert expected in problems[0].message

    @pytest.mark.parametrize(
        "created_at",
        ["Thu Jun 18 09:45:12 +0000 1970", "Xyz Foo 99 99:99:99 +0000 2026", "2026-06-18", 5],
    )
    def test_bad_and_out_of_range_dates(self, tmp_path, created_at):
        import json

        tweet = {"tweet": {"id_str": "1", "created_at": created_at, "full_text": "x"}}
        path = write(tmp_path, "tweets.js", f"window.YTD.tweets.part0 = {json.dumps([tweet])}")
        entries, problems = read("x", path)
        assert entries == []
        assert problems[0].message.startswith("created_at ")

    def test_a_semicolon_and_trailing_newline_are_fine(self, tmp_path):
        content = (
            'window.YTD.tweet.part0 = [{"id_str": "5", "created_at": '
            '"Mon Jan 05 08:00:00 -0500 2026", "full_text": "a"}];\n'
        )
        entries, problems = read("x", write(tmp_path, "tweet.js", content))
        assert problems == []
        assert entries[0].item["created_at"] == "2026-01-05T08:00:00-05:00"
