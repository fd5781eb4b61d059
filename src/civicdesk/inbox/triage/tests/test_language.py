"""The cheap stop-word language guess."""

import pytest

from civicdesk.inbox.triage.language import guess_language, normalise_language


class TestGuessLanguage:
    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("hej, när öppnar biblioteket igen efter sommaren?", "sv"),
            ("hei, når åpner biblioteket igjen etter sommeren?", "nb"),
            ("hei, kva tid opnar biblioteket att etter sommaren? eg lurer berre", "nn"),
            ("hej, hvornår åbner biblioteket igen efter sommeren?", "da"),
            ("hallo, wanneer gaat de bibliotheek weer open na de zomer?", "nl"),
            ("hello, when does the library open again after the summer?", "en"),
        ],
    )
    def test_guesses_the_language(self, text, language):
        assert guess_language(text) == language

    @pytest.mark.parametrize(
        ("text", "language"),
        [
            # Danish "ej", "-gade", "øj" against Norwegian "ei", "-gata", "øy".
            ("vejen er spejlglat ved skolen", "da"),
            ("veien er speilglatt ved skolen", "nb"),
            ("trafiklyset ved hovedgaden blinker", "da"),
            ("trafikklyset ved hovedgata blinker", "nb"),
            ("der er en høj kant ved fortovet", "da"),
        ],
    )
    def test_spelling_tells_danish_from_norwegian(self, text, language):
        assert guess_language(text) == language

    def test_no_words_falls_back_to_the_default(self):
        assert guess_language("🎉🎉", default="sv") == "sv"
        assert guess_language("") is None

    def test_a_tie_prefers_the_default(self):
        # "ikke" and "jeg" are both bokmål and Danish.
        assert guess_language("jeg ikke", default="da") == "da"
        assert guess_language("jeg ikke", default="nb") == "nb"


class TestNormaliseLanguage:
    @pytest.mark.parametrize(
        ("code", "expected"),
        [("sv-SE", "sv"), ("no", "nb"), ("nb_NO", "nb"), ("NL", "nl"), ("fi", None), ("", None)],
    )
    def test_codes(self, code, expected):
        assert normalise_language(code) == expected


def test_counting_cues_word_by_word_matches_counting_them_in_the_whole_text():
    from civicdesk.inbox.triage.evaluate import BLIND_SET, DEVELOPMENT_SETS, load
    from civicdesk.inbox.triage.language import _ENDING_CUES, _WORD, _word_cues

    texts = [row["text"].lower() for path in (*DEVELOPMENT_SETS, BLIND_SET) for row in load(path)]
    texts += ["hej-hejsan fejl_vej øjeblik", "gade.gaden,hovedgaden!", "mej hej ej", "kj_gj øy"]
    counted = 0
    for text in texts:
        whole = [len(regex.findall(text)) for regex, _indexes in _ENDING_CUES]
        by_word = [0] * len(_ENDING_CUES)
        for word in _WORD.findall(text):
            by_word = [a + b for a, b in zip(by_word, _word_cues(word), strict=True)]
        assert by_word == whole, text
        counted += any(whole)
    assert counted > 100  # the cues do occur in these texts


def test_learned_word_evidence_tells_nynorsk_and_danish_from_bokmal():
    # Texts from none of the labelled sets; the stop-word lists alone call each of them bokmål.
    assert guess_language("det luktar heilt forferdeleg ved bekken i dag") == "nn"
    assert guess_language("har svømmehallen åbent på søndag") == "da"
    assert guess_language("har svømmehallen åpent på søndag") == "nb"


def test_the_blind_set_is_not_learned_from():
    from civicdesk.inbox.triage.evaluate import BLIND_SET
    from civicdesk.inbox.triage.language import DATA_DIR, LEARNED_FROM

    assert BLIND_SET.name not in LEARNED_FROM
    assert all((DATA_DIR / name).is_file() for name in LEARNED_FROM)


def test_a_language_the_organisation_uses_leads_a_close_call():
    # Without a default the learned evidence leans bokmål; the organisation's Danish wins it.
    assert guess_language("jeg ikke") == "nb"
    assert guess_language("jeg ikke", default="da") == "da"
