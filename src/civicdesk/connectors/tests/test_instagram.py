"""`--format instagram`: the Instagram export's comments, posts and messages, replayed."""

from civicdesk.connectors.tests.helpers import FIXTURES, read, write

IG = FIXTURES / "instagram"


class TestComments:
    def test_older_comments_are_repaired_with_the_username_as_handle(self):
        entries, problems = read("instagram", IG / "comments.json")
        assert [(e.item["author"]["handle"], e.item["text"]) for e in entries] == [
            ("tyreso.invanare", "Så fint det blev på torget! 😍"),
            ("nils.berg", "När kommer nästa tömning?"),
        ]
        assert entries[0].item["created_at"] == "2024-06-18T12:05:00+00:00"
        assert entries[0].item["external_id"].startswith("ig-comment:sha256:")
        assert [(p.position.path, p.message.split(" ")[0]) for p in problems] == [
            ("comments_media_comments[1].string_list_data[1]", "timestamp"),
            ("comments_media_comments[2].string_list_data[0]", "value"),
        ]
        assert "out of range" in problems[0].message

    def test_newer_comments(self):
        entries, problems = read("instagram", IG / "post_comments_1.json")
        assert [e.item["text"] for e in entries] == ["Väldigt bra initiativ"]
        assert [p.message for p in problems] == ["Time.timestamp is missing"]


class TestPostsAndMessages:
    def test_posts_take_their_title_and_media(self):
        entries, problems = read("instagram", IG / "posts_1.json")
        assert [e.item["text"] for e in entries] == [
            "Midsommarfirande i Tyresö – välkomna!",
            "Två bilder från Alby friluftsgård",
        ]
        assert [len(e.item["media"]) for e in entries] == [1, 2]
        assert all(e.item["kind"] == "post" for e in entries)
        assert len(problems) == 1
        assert "not a comment" in problems[0].message

    def test_direct_messages(self):
        entries, problems = read("instagram", IG / "message_1.json")
        assert problems == []
        item = entries[0].item
        assert (item["kind"], item["visibility"]) == ("message", "private")
        assert item["author"]["name"] == "Åsa Lind"
        assert item["text"] == "Hej! Får man grilla på stranden?"

    def test_the_same_export_gives_the_same_ids(self):
        first, _ = read("instagram", IG / "posts_1.json")
        second, _ = read("instagram", IG / "posts_1.json")
        assert [e.item["external_id"] for e in first] == [e.item["external_id"] for e in second]
        assert first[0].item["external_id"] != first[1].item["external_id"]


class TestHostileFiles:
    def test_wrong_top_level_and_unknown_objects(self, tmp_path):
        _, problems = read("instagram", write(tmp_path, "a.json", "true"))
        assert "expected an Instagram export file" in problems[0].message
        _, problems = read(
            "instagram", write(tmp_path, "b.json", '{"relationships_following": []}')
        )
        assert "no entries found" in problems[0].message
