"""Field conversions: times, mojibake, HTML and bounds."""

import pytest

from civicdesk.connectors import fields
from civicdesk.connectors.fields import BadEntry


class TestTimes:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2021-07-09T19:09:52+0000", "2021-07-09T19:09:52+00:00"),
            ("2023-09-28T12:49:36.735Z", "2023-09-28T12:49:36.735000+00:00"),
            ("2026-06-18T14:05:00+02:00", "2026-06-18T14:05:00+02:00"),
        ],
    )
    def test_iso_times_keep_their_offset(self, value, expected):
        assert fields.iso_time(value, "t") == expected

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("2026-06-18T14:05:00", "has no UTC offset"),
            ("yesterday", "not an ISO 8601"),
            ("0001-01-01T00:00:00+00:00", "out of range"),
            (None, "is missing"),
            (17, "must be an ISO 8601"),
        ],
    )
    def test_bad_iso_times(self, value, message):
        with pytest.raises(BadEntry, match=message):
            fields.iso_time(value, "t")

    def test_unix_times(self):
        assert fields.unix_time(1718712300, "t") == "2024-06-18T12:05:00+00:00"
        assert (
            fields.unix_time(1718712300500, "t", millis=True) == "2024-06-18T12:05:00.500000+00:00"
        )

    @pytest.mark.parametrize("value", [-1, 10**30, float("nan"), float("inf"), True, "1718712300"])
    def test_bad_unix_times(self, value):
        with pytest.raises(BadEntry):
            fields.unix_time(value, "t")

    def test_twitter_times_do_not_depend_on_the_locale(self):
        assert (
            fields.twitter_time("Wed Dec 22 09:45:12 +0000 2021", "t")
            == "2021-12-22T09:45:12+00:00"
        )
        assert (
            fields.twitter_time("Wed Dec 22 09:45:12 +0130 2021", "t")
            == "2021-12-22T09:45:12+01:30"
        )
        with pytest.raises(BadEntry):
            fields.twitter_time("Wed Dec 22 09:45:12 +00 2021", "t")


class TestMojibake:
    def test_round_tripping_text_is_repaired(self):
        broken = "Tusen takk for hjelpa, Bjørn! 😀".encode().decode("latin-1")
        assert fields.repair_mojibake(broken, "f") == "Tusen takk for hjelpa, Bjørn! 😀"

    def test_ascii_and_proper_unicode_are_kept(self):
        assert fields.repair_mojibake("plain", "f") == "plain"
        assert fields.repair_mojibake("Bjørn ☃", "f") == "Bjørn ☃"

    def test_latin1_text_that_is_not_utf8_is_refused(self):
        with pytest.raises(BadEntry, match="already converted"):
            fields.repair_mojibake("Bjørn", "f")


class TestHtml:
    def test_paragraphs_breaks_and_entities(self):
        html = "<p>Hej &amp; v&auml;lkommen</p><p>rad ett<br/>rad två</p>"
        assert fields.html_to_text(html, "content") == "Hej & välkommen\n\nrad ett\nrad två"

    def test_oversized_markup_is_refused_before_parsing(self):
        with pytest.raises(BadEntry, match="limit"):
            fields.html_to_text("<b>" * fields.MAX_HTML, "content")


class TestIds:
    def test_stable_ids_depend_on_every_part(self):
        one = fields.stable_id("fb-comment", 1, "Anna", "Hej")
        assert one == fields.stable_id("fb-comment", 1, "Anna", "Hej")
        assert one != fields.stable_id("fb-comment", 1, "Anna", "Hej!")
        assert one != fields.stable_id("fb-comment", 2, "Anna", "Hej")
        assert len(one) <= fields.MAX_ID

    def test_numeric_ids_become_strings_and_booleans_do_not(self):
        assert fields.ident(12345, "id") == "12345"
        with pytest.raises(BadEntry):
            fields.ident(True, "id")

    def test_urls_must_be_web_addresses(self):
        with pytest.raises(BadEntry, match="http"):
            fields.url("javascript:alert(1)", "url")
