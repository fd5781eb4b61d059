import pytest

from civicdesk.moderation.engine import moderate


def codes(text, **kwargs):
    return {reason["code"] for reason in moderate(text, **kwargs)["reasons"]}


class TestScunthorpeNegatives:
    @pytest.mark.parametrize(
        "text",
        [
            "Vi köpte en ny Kuksa till vandringen.",
            "Det fanns inga platser kvar.",
            "I slutet av veckan öppnar simhallen.",
            "Familjen Hora har bott här länge.",
            "We visited Scunthorpe last summer.",
            "De kutter ligt in de haven.",
            "De gemeente steunt het kankeronderzoek.",
            "Det var skitbra att ni fixade lamporna.",
            "Det er slutt på kaffe.",
        ],
    )
    def test_innocent_word_is_kept(self, text):
        assert moderate(text)["action"] == "keep"


def test_cancer_in_dutch_is_health_data_not_a_curse():
    assert codes("Mijn vader heeft kanker.", language="nl") == {"sensitive_data"}


class TestObfuscation:
    @pytest.mark.parametrize(
        ("text", "hidden"),
        [
            ("du är en i d i o t", "i d i o t"),
            ("du är en 1d10t", "1d10t"),
            ("du är en idiooot", "idiooot"),
            ("du är en ÍDÍOT", "ÍDÍOT"),
            ("you are a m0r0n", "m0r0n"),
        ],
    )
    def test_hidden_insult_is_found_with_span_on_the_original(self, text, hidden):
        [reason] = moderate(text)["reasons"]
        assert reason["code"] == "personal_attack"
        assert text[reason["start"] : reason["end"]] == hidden

    def test_masked_swear_word(self):
        [reason] = moderate("f*ck this")["reasons"]
        assert (reason["code"], reason["start"], reason["end"]) == ("profanity", 0, 4)

    def test_zero_width_joiner_inside_a_word_does_not_hide_it(self):
        text = "du är en id\u200diot"
        [reason] = moderate(text)["reasons"]
        assert text[reason["start"] : reason["end"]] == "id\u200diot"

    def test_rtl_override_and_control_characters_do_not_hide_it(self):
        text = "du är en \u202eid\x00iot"
        [reason] = moderate(text)["reasons"]
        assert reason["code"] == "personal_attack"
        assert text[reason["end"] - 1] == "t"


class TestCompounds:
    def test_swedish_compound_insult(self):
        assert "personal_attack" in codes("Du är en jävlaidiot")

    def test_dutch_curse_compound_is_vulgar_even_undirected(self):
        assert "profanity" in codes("Wat een kankerzooi hier", language="nl")

    def test_group_compound_is_a_slur(self):
        assert "hate_speech" in codes("kankerturken", language="nl")


class TestDirectedInsults:
    def test_insult_at_a_person_is_a_personal_attack(self):
        assert codes("Je bent een idioot", language="nl") == {"personal_attack"}

    def test_criticism_of_a_decision_is_kept(self):
        assert codes("Det här beslutet är idiotiskt", language="sv") == set()

    def test_negated_insult_is_kept(self):
        assert codes("Du är inte dum", language="sv") == set()

    def test_self_deprecation_is_kept(self):
        assert codes("Jag kände mig som en idiot", language="sv") == set()

    @pytest.mark.parametrize(
        ("text", "language"),
        [("Vilken idiot du är", "sv"), ("What an idiot you are", "en"), ("Idiot er du", "da")],
    )
    def test_insult_before_you_and_the_verb_is_aimed_at_you(self, text, language):
        assert codes(text, language=language) == {"personal_attack"}

    def test_insult_before_you_and_a_negated_verb_is_kept(self):
        assert codes("En idiot är du inte", language="sv") == set()

    def test_plural_negation_keeps_an_insult(self):
        assert codes("Politikerna är inga idioter", language="sv") == set()

    def test_insult_near_staff_without_a_verb_is_held_for_a_person(self):
        verdict = moderate("Idioter allihop på förvaltningen, tack för ingenting", language="sv")
        assert verdict["action"] == "hold"
        reason = verdict["reasons"][0]
        assert (reason["code"], reason["start"], reason["end"]) == ("personal_attack", 0, 7)
        assert "near 'förvaltningen'" in reason["detail"]

    def test_insult_word_far_from_people_stays_unflagged(self):
        assert codes("Grisarna på stadsbondgården är så söta", language="sv") == set()


class TestPhrases:
    @pytest.mark.parametrize(
        ("text", "language", "code"),
        [
            ("Jag ska döda dig", "sv", "threat"),
            ("Ik maak je af", "nl", "threat"),
            ("Vi vet hvor du bor", "nb", "threat"),
            ("Alla muslimer är råttor", "sv", "hate_speech"),
            ("Laten we het gemeentehuis in de fik steken", "nl", "crime_incitement"),
            ("Sug min kuk", "sv", "sexual"),
        ],
    )
    def test_phrase_is_found(self, text, language, code):
        assert code in codes(text, language=language)

    def test_phrase_does_not_span_sentences(self):
        assert codes("Jag ska. Döda dig inte.", language="sv") == set()

    def test_reflexive_harm_is_not_a_threat(self):
        assert codes("Barnen kan skada sig på gungan", language="sv") == set()


class TestZeroWidthCharacters:
    """U+200B, U+200C, U+200D, U+2060 and U+FEFF hide a word inside it, but between two words
    they stand for a space."""

    @pytest.mark.parametrize("hidden", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
    def test_inside_a_word_it_is_caught(self, hidden):
        text = f"Du är en id{hidden}iot"
        verdict = moderate(text, language="sv")
        assert verdict["action"] == "remove"
        reason = verdict["reasons"][0]
        assert reason["code"] == "personal_attack"
        assert text[reason["start"] : reason["end"]] == f"id{hidden}iot"

    def test_several_inside_a_word_are_caught(self):
        assert "personal_attack" in codes("Du är en id\u2060i\u200do\ufefft", language="sv")

    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("Nieuw onderzoek naar kanker\u200bhoofd- en halsgebied.", "nl"),
            ("Hon har kanker\u200ckop thee gedronken.", "nl"),
            ("Kurs för invandrare\u200bunge vuxna.", "sv"),
        ],
    )
    def test_between_innocent_words_it_makes_no_compound(self, text, language):
        assert moderate(text, language=language)["action"] == "keep"
        glued = text.replace("\u200b", "").replace("\u200c", "")
        assert moderate(glued, language=language)["action"] != "keep"  # a flagged compound

    def test_between_words_it_reads_as_a_space(self):
        verdict = moderate("Du är en jävla\u200bidiot", language="sv")
        assert [reason["code"] for reason in verdict["reasons"]] == ["profanity", "personal_attack"]
        assert "threat" in codes("Jag ska\u200bdöda dig", language="sv")

    def test_inside_one_part_of_a_compound_it_still_hides_it(self):
        assert "personal_attack" in codes("Du är en jäv\u200blaidiot", language="sv")
