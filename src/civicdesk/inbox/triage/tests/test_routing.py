"""Who answers and what they do (Tyresö annex 3; I2, I4, I6, I7)."""

import pytest

from civicdesk.inbox.triage.routing import Router, route

INBOX = {
    "default_unit": "tyreso-kundtjanst",
    "negative_discussions": "no_reply",
    "praise_reply": "",
    "routes": [
        {"unit": "tyreso-samhallsbyggnad", "keywords": ["sophämtning", "gatlampa", "snöröjning"]},
        {
            "unit": "tyreso-barn-utbildning",
            "keywords": ["skola", "förskola"],
            "categories": ["question", "opinion"],
        },
        {"unit": "tyreso-kultur", "keywords": ["bibliotek", "skola"]},
    ],
}


def go(text, category, channel_unit="tyreso-kommunikation", inbox=INBOX, moderation=None):
    return route(text, category, inbox=inbox, channel_unit=channel_unit, moderation=moderation)


class TestUnit:
    def test_first_matching_route_in_pack_order_wins(self):
        # "skola" is in routes 2 and 3; route 2 comes first and admits questions.
        assert go("Är skolan stängd?", "question").unit == "tyreso-barn-utbildning"

    def test_route_categories_filter_the_match(self):
        # Route 2 only takes questions and opinions: a fault report goes to route 3.
        assert go("Taket på skolan läcker", "fault_report").unit == "tyreso-kultur"

    def test_keyword_matches_inflected_and_compound_forms_from_the_word_start(self):
        assert go("Sophämtningen missades", "fault_report").unit == "tyreso-samhallsbyggnad"
        assert go("Skolans matsal?", "question").unit == "tyreso-barn-utbildning"
        assert go("Förskolan?", "question").unit == "tyreso-barn-utbildning"

    def test_keyword_does_not_match_inside_a_word(self):
        assert go("Bokbiblioteket?", "question").unit == "tyreso-kommunikation"

    def test_without_a_route_the_channel_owner_answers(self):
        assert go("Vad kostar en parkering?", "question").unit == "tyreso-kommunikation"

    def test_without_a_route_or_owner_the_default_unit_answers(self):
        result = go("Vad kostar en parkering?", "question", channel_unit=None)
        assert result.unit == "tyreso-kundtjanst"

    def test_nothing_configured_gives_no_unit(self):
        assert go("Hej?", "question", channel_unit=None, inbox={}).unit is None


class TestAction:
    @pytest.mark.parametrize(
        ("category", "action", "reply_due"),
        [
            ("offensive", "remove", False),
            ("confidential", "remove", False),
            ("spam", "remove", False),
            ("political", "refer", True),
            ("fault_report", "acknowledge", True),
            ("negative", "no_reply", False),
            ("praise", "no_reply", False),
            ("other", "no_reply", False),
        ],
    )
    def test_category_decides_the_action(self, category, action, reply_due):
        result = go("Något", category)
        assert (result.action, result.reply_due) == (action, reply_due)

    def test_question_for_the_channel_owner_is_answered(self):
        result = go("Vad kostar parkeringen?", "question", channel_unit="tyreso-kundtjanst")
        assert (result.action, result.reply_due) == ("answer", True)

    def test_question_routed_to_another_unit_is_forwarded(self):
        result = go("När är sophämtningen?", "question", channel_unit="tyreso-kommunikation")
        assert (result.unit, result.action, result.reply_due) == (
            "tyreso-samhallsbyggnad",
            "forward",
            True,
        )

    def test_question_routed_to_the_owning_unit_is_answered(self):
        result = go("När är sophämtningen?", "question", channel_unit="tyreso-samhallsbyggnad")
        assert result.action == "answer"

    def test_channel_without_owner_forwards_to_the_default_unit(self):
        result = go("Vad kostar parkeringen?", "opinion", channel_unit=None)
        assert (result.unit, result.action) == ("tyreso-kundtjanst", "forward")

    def test_negative_is_answered_when_the_pack_allows_it(self):
        inbox = {**INBOX, "negative_discussions": "answer"}
        result = go("Skandal!", "negative", inbox=inbox, channel_unit="tyreso-kundtjanst")
        assert (result.action, result.reply_due) == ("answer", True)

    def test_praise_is_thanked_when_the_pack_has_a_praise_reply(self):
        inbox = {**INBOX, "praise_reply": "Tack för berömmet!"}
        result = go("Toppen!", "praise", inbox=inbox)
        assert (result.action, result.reply_due) == ("answer", True)

    @pytest.mark.parametrize("moderation_action", ["hide", "remove"])
    def test_moderation_hide_or_remove_wins_over_category(self, moderation_action):
        moderation = {"action": moderation_action, "reasons": [{"code": "phone_number"}]}
        result = go("När är sophämtningen?", "question", moderation=moderation)
        assert (result.action, result.reply_due) == ("remove", False)

    def test_moderation_hold_leaves_the_category_in_charge(self):
        moderation = {"action": "hold", "reasons": [{"code": "email_address"}]}
        result = go("När är sophämtningen?", "question", moderation=moderation)
        assert result.action == "forward"

    def test_explanation_cites_the_rule(self):
        assert "I6" in go("x", "political").explanation
        assert "I7" in go("x", "negative").explanation


class TestRouterCompilation:
    def test_router_is_reused_for_the_same_pack(self):
        from civicdesk.inbox.triage.routing import router_for

        assert router_for(INBOX) is router_for(dict(INBOX))

    def test_keywords_with_regex_characters_are_literal(self):
        router = Router({"routes": [{"unit": "u", "keywords": ["c++ (kurs)"]}]})
        assert router.unit_for("Finns c++ (kurs) i år?", "question", None)[0] == "u"
        assert router.unit_for("Finns ccc i år?", "question", None)[0] is None
