"""A cheap language guess from stop words, for items that arrive without a language (I4).

Each stop word votes for the languages that use it, weighted 1/k when k languages share it, so
"ikke" splits between Danish and bokmål while "hvornår" counts fully for Danish. Letters that only
some of the languages use (ä/ö, æ/ø, the Dutch "ij") add one vote. Ties and silence fall back to
the caller's default (the organisation's first language). One regex pass and one dict lookup per
word; only the first `LIMIT` characters are read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from operator import add

from civicdesk.inbox.triage.rules import STOP_WORDS

LANGUAGES = ("sv", "nb", "nn", "da", "nl", "en")
LIMIT = 2000
_ALIASES = {"no": "nb", "nob": "nb", "nno": "nn", "swe": "sv", "dan": "da", "nld": "nl"}
_WORD = re.compile(r"\w+")


def _weights() -> dict[str, tuple[tuple[int, float], ...]]:
    users: dict[str, list[int]] = defaultdict(list)
    for index, language in enumerate(LANGUAGES):
        for word in STOP_WORDS[language]:
            users[word].append(index)
    return {word: tuple((i, 1.0 / len(idx)) for i in idx) for word, idx in users.items()}


_VOTES = _weights()
_LETTER_CUES = (
    (("ä", "ö"), (LANGUAGES.index("sv"),)),
    (("æ", "ø"), tuple(LANGUAGES.index(code) for code in ("nb", "nn", "da"))),
    (("ij",), (LANGUAGES.index("nl"),)),
)
# Word endings and spellings that tell the Scandinavian languages apart: nynorsk "-leg" (farleg,
# mogleg) where bokmål and Danish write "-lig"; Danish "-ede" past tense; Danish "ej" inside a word
# (vej, dejlig, spejl, fejl) where Norwegian writes "ei" (vei, deilig, speil, feil); Danish "gade"
# compounds (Hovedgaden) where Norwegian writes "gate"/"gata"; Danish "øj" (høj, øje) and "-hed"
# where Norwegian writes "øy" and "-het"/"-heit"; Norwegian "kj"/"gj" (kjempe, gjøre) where Danish
# writes "k"/"g" (kæmpe, gøre).
_NORWEGIAN = (LANGUAGES.index("nb"), LANGUAGES.index("nn"))
_ENDING_CUES = (
    (re.compile(r"\w(?:leg|lege|legt|leik)(?!\w)"), (LANGUAGES.index("nn"),)),
    (re.compile(r"\w\w(?:ede)(?!\w)"), (LANGUAGES.index("da"),)),
    (
        re.compile(
            r"(?<!\w)(?:hej|mej)(?!\w)|ej(?:(?<=\wej)|(?=\w))|g(?<=\wg)ade[nr]?(?!\w)"
            r"|øj|h(?<=\wh)ed(?:en|er)?(?!\w)"
        ),
        (LANGUAGES.index("da"),),
    ),
    (
        re.compile(
            r"(?<!\w)hei(?!\w)|ei(?:(?<=\wei)|(?=\w))|g(?<=\wg)at(?:a|e|en)(?!\w)|kj|gj"
            r"|øy|h(?<=\wh)e(?:t|ten|it|ita)(?!\w)"
        ),
        _NORWEGIAN,
    ),
)


_NO_CUES = (0,) * len(_ENDING_CUES)


@lru_cache(maxsize=65_536)
def _word_cues(word: str) -> tuple[int, ...]:
    """How often each of `_ENDING_CUES` matches in one word, remembered per word.

    Every cue matches only word characters and its edges are word edges, so counting it word by
    word gives what `findall` over the whole text gives, and words repeat from text to text.
    """
    counts = tuple(len(regex.findall(word)) for regex, _indexes in _ENDING_CUES)
    return counts if any(counts) else _NO_CUES


def normalise_language(code: str | None) -> str | None:
    """`sv-SE` → `sv`, `no` → `nb`; `None` for codes this triage does not know."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-", 1)[0]
    base = _ALIASES.get(base, base)
    return base if base in LANGUAGES else None


def guess_language(text: str, default: str | None = None) -> str | None:
    """The most likely of sv, nb, nn, da, nl, en for lower-cased `text`, else `default`."""
    sample = text[:LIMIT]
    scores = [0.0] * len(LANGUAGES)
    votes = _VOTES
    words = _WORD.findall(sample)
    for word in words:
        for index, weight in votes.get(word, ()):
            scores[index] += weight
    for letters, indexes in _LETTER_CUES:
        if any(letter in sample for letter in letters):
            for index in indexes:
                scores[index] += 1.0
    if scores[1] or scores[2] or scores[3]:  # only worth a look when it is Scandinavian at all
        counts = [0] * len(_ENDING_CUES)
        for word in words:
            cues = _word_cues(word)
            if cues is not _NO_CUES:
                counts = list(map(add, counts, cues))
        for found, (_regex, indexes) in zip(counts, _ENDING_CUES, strict=True):
            for index in indexes:
                scores[index] += 0.5 * found
    best = max(scores)
    if best <= 0:
        return default
    winners = [LANGUAGES[i] for i, score in enumerate(scores) if score == best]
    if len(winners) > 1:
        return default if default in winners else winners[0]
    return winners[0]
