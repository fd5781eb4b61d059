"""`--format mastodon`: Status and Notification entities, replayed."""

from civicdesk.connectors.tests.helpers import FIXTURES, items, read, sample, write

MASTODON = FIXTURES / "mastodon"


class TestStatuses:
    def test_html_content_becomes_plain_text(self):
        entries, _ = read("mastodon", MASTODON / "statuses.json")
        post = items(entries)["112000000000000001"]
        assert post["text"] == (
            "Nya öppettider på #biblioteket & simhallen.\n\nLäs mer:\nhttps://www.example.se/oppettider"
        )
        assert post["kind"] == "post"
        assert post["author"] == {
            "id": "109000000000000001",
            "name": "Tyresö kommun",
            "handle": "tyresokommun",
        }
        assert post["language"] == "sv"
        assert post["media"][0]["description"] == "Biblioteket i Tyresö centrum"

    def test_replies_warnings_and_direct_messages(self):
        entries, problems = read("mastodon", MASTODON / "statuses.json")
        found = items(entries)
        reply = found["112000000000000002"]
        assert reply["kind"] == "comment"
        assert reply["visibility"] == "public"  # unlisted is still public
        assert reply["in_reply_to"] == "112000000000000001"
        assert reply["text"] == "Klagomål\n\n@tyresokommun Varför stängt i juli?"
        direct = found["112000000000000003"]
        assert (direct["kind"], direct["visibility"]) == ("message", "private")
        assert [p.position.path for p in problems] == ["[3]"]
        assert "not an ISO 8601" in problems[0].message

    def test_notifications_give_mentions_only(self):
        entries, problems = read("mastodon", MASTODON / "notifications.json")
        assert problems == []
        assert [(e.item["external_id"], e.item["kind"]) for e in entries] == [
            ("112000000000000005", "mention")
        ]
        assert entries[0].item["text"] == "@tyresokommun tack för infon!"

    def test_the_real_sample_is_read(self):
        entries, problems = read(
            "mastodon", sample("TootSDK__post_with_emojis_and_attachments.json")
        )
        assert problems == []
        item = entries[0].item
        assert item["external_id"] == "AQetOIEp6Z2GZ4UiI4"
        assert item["text"].endswith(
            "I just #love #coffee :heart_cup:  There is no better way to start the day."
        )
        assert "<a" not in item["text"]
        assert item["created_at"] == "2022-12-16T08:26:31+00:00"


class TestHostileContent:
    def test_script_contents_and_tags_never_reach_the_text(self, tmp_path):
        status = (
            '{"id": "1", "created_at": "2026-06-18T12:00:00Z", "content": '
            '"<p>a<script>alert(1)</script><style>p{}</style>b</p>'
            '<img src=x onerror=alert(2)>c &lt;d&gt;"}'
        )
        entries, _ = read("mastodon", write(tmp_path, "s.json", status))
        assert entries[0].item["text"] == "abc <d>"

    def test_unclosed_markup_is_kept_as_literal_text(self, tmp_path):
        # Harmless: text is escaped wherever it is shown; nothing is guessed away.
        status = '{"id": "1", "created_at": "2026-06-18T12:00:00Z", "content": "<p>ok <a href=\\""}'
        entries, problems = read("mastodon", write(tmp_path, "s.json", status))
        assert problems == []
        assert entries[0].item["text"] == 'ok <a href="'
