"""Hostile and odd input never breaks triage and stays cheap."""

import time

import pytest

from civicdesk.inbox.triage.categories import LIMIT, classify, normalise_text


class TestHostileText:
    @pytest.mark.parametrize("text", ["", None, "   \n\t  ", "\u200b\u200b"])
    def test_empty_text_is_other(self, text):
        assert classify(text, language="sv").category == "other"

    def test_hundred_thousand_characters_are_classified_quickly(self):
        text = "När töms soporna? " + "a" * 100_000
        started = time.perf_counter()
        result = classify(text, language="sv")
        elapsed = time.perf_counter() - started
        assert result.category == "question"
        assert elapsed < 0.5

    def test_only_the_first_part_of_a_huge_text_is_read(self):
        text = "x " * LIMIT + "jävla idioter"
        result = classify(text, language="sv")
        assert result == classify("x " * LIMIT, language="sv")
        assert not any("idiot" in matched for _label, matched in result.hits)

    def test_only_emoji_is_other_or_praise(self):
        assert classify("😂😂😂", language="sv").category == "other"
        assert classify("👏👏👏", language="sv").category == "praise"

    def test_mixed_scripts_are_classified(self):
        text = "Привет! 你好 När öppnar biblioteket? مرحبا"
        assert classify(text, language="sv").category == "question"

    def test_zero_width_characters_do_not_hide_a_swear_word(self):
        assert classify("ni är j\u200bävla id\u200bioter", language="sv").category == "offensive"

    def test_rtl_override_does_not_hide_a_swear_word(self):
        assert classify("\u202ejävla idioter\u202c", language="sv").category == "offensive"

    def test_fullwidth_letters_are_normalised(self):
        assert normalise_text("ＦＵＣＫ") == "fuck"
        assert classify("ＦＵＣＫ you", language="en").category == "offensive"

    def test_regex_metacharacters_are_plain_text(self):
        result = classify("(?P<x>.*)+[[[\\ ? ***", language="en")
        assert result.category == "question"

    def test_malformed_moderation_verdict_is_ignored(self):
        verdict = {"action": "keep", "reasons": ["not-a-dict", {"no_code": 1}, {"code": None}]}
        assert classify("When is the bin day?", language="en", moderation=verdict).category == (
            "question"
        )
