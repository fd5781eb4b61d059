"""`--format facebook`: Graph API pages and the Download Your Information export, replayed."""

import json

import pytest

from civicdesk.connectors.tests.helpers import FIXTURES, items, read, sample, write

FB = FIXTURES / "facebook"


class TestGraphComments:
    def test_ids_and_parents_are_rebuilt_from_permalinks(self):
        entries, _ = read("facebook", FB / "graph_comments.json")
        found = items(entries)
        top = found["5647382910_7000000001"]
        assert top["kind"] == "comment"
        assert top["in_reply_to"] == "1029384756_5647382910"  # the post's Graph id
        assert top["created_at"] == "2026-06-18T12:05:00+00:00"
        assert top["text"] == "Hej! När öppnar återvinningscentralen i helgen?"
        assert top["author"] == {"id": None, "name": None, "handle": None}
        reply = found["5647382910_7000000002"]
        assert reply["in_reply_to"] == "5647382910_7000000001"
        # Graph text is not HTML: an ampersand entity stays as the person wrote it.
        assert reply["text"] == "Lördag 10–14 &amp; söndag stängt."

    def test_explicit_id_parent_and_author_win(self):
        entries, _ = read("facebook", FB / "graph_comments.json")
        item = items(entries)["5647382910_7000000004"]
        assert item["in_reply_to"] == "5647382910_7000000001"
        assert item["author"] == {"id": "9000000001", "name": "Anna Andersson", "handle": None}

    def test_bad_comments_are_problems_and_the_rest_still_come(self):
        entries, problems = read("facebook", FB / "graph_comments.json")
        assert len(entries) == 3
        messages = sorted(p.message for p in problems)
        assert messages[0].startswith("created_time is not an ISO 8601 date and time")
        assert messages[1] == "id is missing and permalink_url does not name the comment"
        assert {p.position.path for p in problems} == {"data[2]", "data[4]"}

    def test_the_real_sample_is_read(self):
        entries, problems = read("facebook", sample("python-facebook__comments_p1.json"))
        assert problems == []
        assert len(entries) == 10
        replies = [e.item for e in entries if "reply_comment_id" in e.item["url"]]
        assert len(replies) == 4
        assert all(r["in_reply_to"].startswith("10158407654328553_") for r in replies)


class TestGraphFeed:
    def test_page_posts_visitor_posts_and_embedded_comments(self):
        entries, problems = read("facebook", FB / "graph_feed.json")
        found = items(entries)
        post = found["1029384756_5647382910"]
        assert post["kind"] == "post"
        assert post["url"] == "https://www.facebook.com/1029384756/posts/5647382910/"
        assert post["media"] == [
            {"type": "photo", "url": "https://scontent.example.net/v/t1/p720x720/111_222_n.jpg"}
        ]
        assert found["5647382910_7000000001"]["in_reply_to"] == "1029384756_5647382910"
        assert found["5647382910_7000000003"]["in_reply_to"] == "5647382910_7000000001"
        visitor = found["1029384756_5647382911"]
        assert visitor["kind"] == "comment"
        assert visitor["author"]["name"] == "Karin Svensson"
        assert found["1029384756_5647382913"]["text"] == ""
        # The post and its comments come in file order, the post first.
        order = [e.item["external_id"] for e in entries]
        assert order.index("1029384756_5647382910") < order.index("5647382910_7000000001")
        assert sorted(p.position.path for p in problems) == [
            "data[0].comments.data[1]",
            "data[2]",
        ]
        assert all(p.message == "created_time is missing" for p in problems)
        assert [p.position.line for p in problems] == [3, 28]

    def test_conversations_are_private_messages(self):
        entries, problems = read("facebook", FB / "graph_conversations.json")
        assert problems == []
        assert [(e.item["kind"], e.item["visibility"]) for e in entries] == [
            ("message", "private")
        ] * 2
        assert entries[0].item["author"]["name"] == "Eva Lund"

    def test_the_real_sample_is_read(self):
        entries, problems = read(
            "facebook", sample("python-facebook__feeds_default_fields_p1.json")
        )
        assert problems == []
        assert len(entries) == 5
        assert all(e.item["kind"] == "post" for e in entries)
        assert entries[0].item["external_id"] == "19292868552_10158349356748553"
        assert entries[0].item["created_at"] == "2021-07-09T19:09:52+00:00"


class TestDownloadYourInformation:
    def test_comments_are_repaired_and_get_stable_ids(self):
        entries, problems = read("facebook", FB / "dyi_comments.json")
        texts = [e.item["text"] for e in entries]
        assert texts[:2] == [
            "Hej! När öppnar återvinningscentralen i helgen?",
            "Tusen takk – flott tiltak! 👍",
        ]
        assert entries[1].item["author"]["name"] == "Bjørn Hågensen"
        assert entries[0].item["created_at"] == "2024-06-18T12:05:00+00:00"
        again, _ = read("facebook", FB / "dyi_comments.json")
        assert [e.item["external_id"] for e in again] == [e.item["external_id"] for e in entries]
        assert entries[0].item["external_id"].startswith("fb-comment:sha256:")
        assert len({e.item["external_id"] for e in entries}) == len(entries)

    def test_title_only_entries_are_passed_over_and_attachment_only_kept(self):
        entries, _ = read("facebook", FB / "dyi_comments.json")
        photo = [e.item for e in entries if e.item["media"]]
        assert len(photo) == 1
        assert photo[0]["text"] == ""
        assert photo[0]["media"][0]["path"].endswith("123456_7890.jpg")
        assert "Tack för svaret." in [e.item["text"] for e in entries]

    def test_unrepairable_text_and_out_of_range_times_are_problems(self):
        _, problems = read("facebook", FB / "dyi_comments.json")
        assert [p.position.path for p in problems] == ["comments_v2[4]", "comments_v2[5]"]
        assert "out of range" in problems[0].message
        assert "latin-1-escaped UTF-8" in problems[1].message

    def test_messenger_threads_are_private_messages(self):
        entries, problems = read("facebook", FB / "dyi_message_1.json")
        assert {(e.item["kind"], e.item["visibility"]) for e in entries} == {("message", "private")}
        assert entries[0].item["author"]["name"] == "Sven Öberg"
        assert entries[1].item["text"] == "Hej Sven! Vi återkommer senast i morgon."
        assert entries[2].item["media"] == [
            {"type": "image", "path": "messages/inbox/svenoberg_10/photos/1122_3344.jpg"}
        ]
        assert entries[3].item["media"] == [{"type": "link", "url": "https://example.org/ritning"}]
        assert [(p.position.path, p.message) for p in problems] == [
            ("messages[3]", "timestamp_ms is missing")
        ]
        assert entries[0].item["created_at"] == "2024-06-19T07:00:00+00:00"

    def test_your_posts(self):
        entries, problems = read("facebook", FB / "dyi_your_posts_1.json")
        assert [e.item["kind"] for e in entries] == ["post", "post"]
        assert entries[0].item["text"] == "Återvinningscentralen har öppet på lördag 10–14."
        assert entries[0].item["media"] == [
            {"type": "link", "url": "https://www.example.se/atervinning"}
        ]
        assert [p.position.path for p in problems] == ["[3]"]
        assert "number of seconds" in problems[0].message


class TestHostileFiles:
    @pytest.mark.parametrize(
        ("content", "expected"),
        [
            ("42", "expected a Graph API page"),
            ('"data"', "expected a Graph API page"),
            ("", "found nothing (empty file)"),
            ('{"something": "else"}', "no entries found"),
            ('{"data": [{"id": "1_2", "created_time": "2026-06-18T12:00:00+0000"}', "truncated"),
            ('{"data": []} trailing', "unexpected content after the end"),
        ],
    )
    def test_each_gives_one_clear_problem(self, tmp_path, content, expected):
        entries, problems = read("facebook", write(tmp_path, "page.json", content))
        assert len(problems) == 1
        assert expected in problems[0].message
        assert problems[0].position.line == 1

    def test_a_truncated_page_keeps_the_entries_before_the_cut(self, tmp_path):
        page = {
            "data": [{"id": f"1_{n}", "created_time": "2026-06-18T12:00:00+0000"} for n in range(3)]
        }
        text = json.dumps(page, indent=1)
        entries, problems = read("facebook", write(tmp_path, "page.json", text[: len(text) - 40]))
        assert [e.item["external_id"] for e in entries] == ["1_0", "1_1"]
        assert len(problems) == 1
        assert (
            problems[0].describe("page.json").startswith(f"page.json:{problems[0].position.line}:")
        )

    def test_entries_of_the_wrong_type_and_nul_characters(self, tmp_path):
        content = json.dumps(
            {
                "data": [
                    "a string",
                    {
                        "id": "1_2",
                        "created_time": "2026-06-18T12:00:00+0000",
                        "message": "a\u0000b",
                    },
                    {"id": ["1"], "created_time": "2026-06-18T12:00:00+0000"},
                    {"id": "1_3", "created_time": "2026-06-18T12:00:00+0000", "message": "ok"},
                ]
            }
        )
        entries, problems = read("facebook", write(tmp_path, "page.json", content))
        assert [e.item["external_id"] for e in entries] == ["1_3"]
        assert [p.message for p in problems] == [
            "entry must be an object, not a string",
            "message contains a NUL character",
            "id must be a string, not a list",
        ]

    def test_overlong_text_and_ids_are_refused(self, tmp_path):
        content = json.dumps(
            {
                "data": [
                    {
                        "id": "1_2",
                        "created_time": "2026-06-18T12:00:00+0000",
                        "message": "x" * 100_001,
                    },
                    {"id": "9" * 201, "created_time": "2026-06-18T12:00:00+0000"},
                ]
            }
        )
        _, problems = read("facebook", write(tmp_path, "page.json", content))
        assert [p.message for p in problems] == [
            "message is 100001 characters long; the limit is 100000",
            "id is 201 characters long; the limit is 200",
        ]
