import pytest

from civicdesk.core.exceptions import InvalidInput
from civicdesk.moderation.chain import Reason, decide, merge_overlapping
from civicdesk.moderation.engine import MAX_TEXT_LENGTH, moderate
from civicdesk.moderation.policy import DEFAULT_ACTIONS
from civicdesk.moderation.repeats import RepeatTracker, repeated_in


class TestStrongestActionWins:
    def test_remove_beats_hide_and_hold(self):
        reasons = [
            Reason("phone_number", 0, 1, 0.9, ""),
            Reason("personal_id_number", 2, 3, 1.0, ""),
            Reason("profanity", 4, 5, 0.9, ""),
        ]
        assert decide(reasons, DEFAULT_ACTIONS) == "remove"
        assert decide(reasons[:2], DEFAULT_ACTIONS) == "hide"
        assert decide([], DEFAULT_ACTIONS) == "keep"

    def test_low_confidence_reason_only_holds(self):
        assert decide([Reason("commercial", 0, 1, 0.5, "")], DEFAULT_ACTIONS) == "hold"

    def test_same_code_inside_another_span_is_merged(self):
        outer = Reason("threat", 0, 10, 0.9, "")
        inner = Reason("threat", 2, 5, 0.9, "")
        other = Reason("profanity", 2, 5, 0.9, "")
        assert merge_overlapping([inner, outer, other]) == [outer, other]


class TestPolicyMapping:
    def test_organisation_action_overrides_the_default(self):
        text = "Mitt personnummer är 811228-9874"
        assert moderate(text)["action"] == "hide"
        assert moderate(text, policy={"actions": {"personal_id_number": "remove"}})["action"] == (
            "remove"
        )

    def test_unknown_code_in_policy_is_rejected(self):
        with pytest.raises(InvalidInput):
            moderate("hej", policy={"actions": {"rudeness": "remove"}})

    def test_allowed_domains_and_website_are_not_commercial(self):
        text = "Läs mer på https://www.tyreso.se/bygglov och https://svt.se/nyheter"
        plain = moderate(text)
        assert len(plain["reasons"]) == 2
        allowed = moderate(text, policy={"allowed_link_domains": ["svt.se"]},
                           website="https://www.tyreso.se")  # fmt: skip
        assert allowed == {"action": "keep", "reasons": []}

    def test_extra_terms_add_the_organisations_words(self):
        text = "Vilken Bajskorv"
        verdict = moderate(text, policy={"extra_terms": {"profanity": ["bajskorv"]}})
        [reason] = verdict["reasons"]
        assert reason["code"] == "profanity"
        assert text[reason["start"] : reason["end"]] == "Bajskorv"


class TestHostileInput:
    def test_huge_text_is_rejected(self):
        with pytest.raises(InvalidInput):
            moderate("a" * (MAX_TEXT_LENGTH + 1))

    def test_text_at_the_limit_is_moderated(self):
        assert moderate("hej " * (MAX_TEXT_LENGTH // 4))["action"] == "keep"


class TestCommercialAndSpam:
    def test_scam_and_shortener(self):
        verdict = moderate("Tjäna pengar snabbt hemifrån! Klicka här https://bit.ly/x")
        assert {r["code"] for r in verdict["reasons"]} == {"spam", "commercial"}
        assert verdict["action"] == "remove"

    def test_third_identical_post_is_spam_and_memory_is_bounded(self):
        tracker = RepeatTracker(threshold=3, max_entries=2)
        text = "Besök vår fina butik för bra priser"
        results = [moderate(text, repeats=tracker, channel="fb")["action"] for _ in range(3)]
        assert results[2] == "remove" and "remove" not in results[:2]
        for index in range(5):
            tracker.observe("fb", f"en helt annan text nummer {index} här")
        assert len(tracker) == 2

    def test_batch_helper_marks_repeats(self):
        texts = ["Samma långa text som postas igen"] * 3 + ["Tack!"] * 3
        assert repeated_in(texts) == [False, False, True, False, False, False]
