"""The plain-text fast path gives the same verdicts as the careful token pass."""

import pytest

from civicdesk.moderation import context as context_module
from civicdesk.moderation.context import Context
from civicdesk.moderation.engine import moderate
from civicdesk.moderation.evaluation import LABELLED_LANGUAGES, benchmark_comments, labelled_items
from civicdesk.moderation.phrases import phrase_matches
from civicdesk.moderation.policy import compile_policy

# Hashtags keep a text plain only where "#" cannot be masking: these must agree either way.
HASHTAG_TEXTS = [
    "#idiot",
    "Du är en #idiot! #tyresö",
    "#jävlaidiot #sverige2026",
    "Vilken #fitta du är",
    "f#ck #dig",
    "##idiot",
    "idiot#",
    "a#b du är en hora",
    "#1d10t",
    "#@ss #kuksa",
    "# idiot",
    "#i #d #i #o #t",
    "(#snö) Plogbilen har inte kommit #trollbäcken #fel",
    "Ring 070-123 45 67 #hjälp eller maila #kontakt",
    "#hatar #invandrare, kasta ut dem",
    "Hej!#tyreso",
    "ja#nej #ja",
]


def _texts():
    texts = [text for language in LABELLED_LANGUAGES for _label, text in labelled_items(language)]
    return texts + benchmark_comments(300, seed=3) + HASHTAG_TEXTS


def test_plain_and_careful_pass_agree(monkeypatch):
    policy = compile_policy({"allowed_link_domains": ["tyreso.se"]})
    texts = _texts()
    plain = sum(Context(text, policy).shape is not None for text in texts)
    assert plain > len(texts) // 2  # the fast path is actually taken
    fast = [moderate(text, policy=policy, region="SE") for text in texts]
    monkeypatch.setattr(context_module, "plain_shape", lambda normalised: None)
    careful = [moderate(text, policy=policy, region="SE") for text in texts]
    assert fast == careful


@pytest.mark.parametrize(
    "text",
    [
        "Du är en 1d10t",  # letters and digits in one word
        "Du är en idiooot",  # a letter tripled
        "du är en i d i o t",  # spaced out
        "Du är en f*ck",  # a symbol
        "Du är en f#ck",  # "#" inside a word
        "Du är en fu#",  # "#" after a word
        "Du är en ##idiot",  # "#" after "#"
        "Du är en sh!t",  # "!" inside a word
        "Du\u200bär en idiot",  # a hidden character
        "Ты идиот",  # not Latin-1
    ],
)
def test_texts_needing_the_careful_pass_are_not_plain(text):
    assert Context(text, compile_policy(None)).shape is None


@pytest.mark.parametrize("text", ["#tyresö #snö", "Plogen kom inte (#trollbäcken) #2026"])
def test_hashtags_keep_a_text_plain(text):
    assert Context(text, compile_policy(None)).shape is not None


def test_an_insult_as_a_hashtag_is_found():
    verdict = moderate("Du är en #idiot #tyresö", language="sv")
    assert verdict["action"] == "remove"
    reason = verdict["reasons"][0]
    assert (reason["code"], reason["start"], reason["end"]) == ("personal_attack", 10, 15)


def test_plain_text_is_plain():
    context = Context("Hej! Bussen gick 08.15 i dag, tack.", compile_policy(None))
    assert context.shape is not None
    assert context.sentences == [["hej"], ["bussen", "gick", "08"], ["15", "i", "dag", "tack"]]


def test_exclamation_mark_after_an_insult_ends_the_sentence():
    verdict = moderate("Du är en idiot! Hej då.", language="sv")
    assert verdict["action"] == "remove"
    reason = verdict["reasons"][0]
    assert (reason["code"], reason["start"], reason["end"]) == ("personal_attack", 9, 14)
    assert "obfuscated" not in reason["detail"]


def test_phrases_one_by_one_match_as_the_section_alternation():
    """Each phrase its own gated regex (`Lexicon.phrase_patterns`) finds exactly what one regex
    of all the section's phrases finds on the whole token text, careful pass included."""
    policy = compile_policy(None)
    texts = _texts() + [
        "Jag ska d0da dig",
        "vi vet var du bor. du ska d ö d a s",
        "Ik maak je af!!!",
    ]
    compared = 0
    for text in texts:
        for language in ("sv", "nb", "nl", None):
            context = Context(text, policy, language=language)
            stream = context.stream
            for section in context.open_sections:
                regex = context.lexicon.section_alternation(section)
                expected = [stream.span_of(*m.span()) for m in regex.finditer(stream.text)]
                assert list(phrase_matches(context, section)) == expected
                compared += bool(expected)
    assert compared > 100  # the test does compare matches, not only empty lists


def test_a_phrase_is_tried_only_on_sentences_holding_all_its_word_slots():
    """`(jag|vi) vet var (du|ni|han|hon) bor`: a sentence needs a word of each slot."""
    policy = compile_policy(None)
    lexicon = Context("x", policy, language="sv").lexicon
    lines = [line for line, _language in lexicon_lines(lexicon, "threat")]
    index = lines.index("(jag|vi) vet var (du|ni|han|hon) bor")
    needs = lexicon.pattern_needs["threat", index]
    assert frozenset({"jag", "vi"}) in needs and frozenset({"bor"}) in needs
    tried = Context("Vi vet var bussen går. Du bor fint.", policy, language="sv")
    assert index not in [i for _s, _e, found in tried.phrase_plan.get("threat", []) for i in found]
    verdict = moderate("Vi vet var du bor.", language="sv")
    assert [reason["code"] for reason in verdict["reasons"]] == ["threat"]


def lexicon_lines(lexicon, section):
    from civicdesk.moderation.lexicon import raw_lexicon

    return [(line, language) for language in lexicon.languages
            for line in raw_lexicon(language).phrases.get(section, [])]  # fmt: skip
