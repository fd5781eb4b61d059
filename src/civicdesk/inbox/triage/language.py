"""A cheap language guess for items that arrive without a language (I4).

Two kinds of evidence, added up per language:

- **Hand-written cues.** Each stop word votes for the languages that use it, weighted 1/k when k
  languages share it, so "ikke" splits between Danish and bokmål while "hvornår" counts fully for
  Danish. Letters that only some of the languages use (ä/ö, æ/ø, the Dutch "ij") add one vote, and
  so do spellings that tell the Scandinavian languages apart (`_ENDING_CUES`).
- **Learned word evidence.** A naive-Bayes table of words (letters only) and their three-letter
  endings, counted in the labelled triage texts (`data/`: the development and training sets,
  never the blind set) when the guess is first needed: for each word, the log-likelihood of each
  language relative to the likeliest. It tells nynorsk "ikkje, eit, heilt" and Danish "åbent,
  søde" from bokmål where the stop-word lists are silent or shared. Unknown words count for
  nothing.

Five-fold cross-validated on those 1,729 texts (no default given), the cues alone guess 0.862
right and the cues with the learned evidence 0.937. The caller's default (the organisation's
language) starts `DEFAULT_PRIOR` ahead and wins ties; with no evidence at all it is returned.
Each word's evidence is summed once and remembered (`_word_vector`). Only the first `LIMIT`
characters are read.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from operator import add
from pathlib import Path

from civicdesk.inbox.triage.rules import STOP_WORDS

LANGUAGES = ("sv", "nb", "nn", "da", "nl", "en")
LIMIT = 2000
DATA_DIR = Path(__file__).resolve().parent / "data"
# The language-labelled texts the word evidence is counted in. Not the blind set: it measures.
LEARNED_FROM = (
    "labelled_categories.jsonl",
    "heldout_categories.jsonl",
    "fresh_categories.jsonl",
    "training_categories.jsonl",
)
ENDING = 3
SMOOTHING = 0.5
# The caller's default (the organisation's language) starts one vote ahead: its channels mostly
# carry it, so a short text that barely leans elsewhere ("jeg ikke" on a Danish page) stays in it.
DEFAULT_PRIOR = 1.0
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


def _evidence_features(words: list[str]) -> list[str]:
    return words + ["-" + word[-ENDING:] for word in words if len(word) > ENDING + 1]


def count_evidence(rows: Iterable[tuple[str, str]]) -> dict[str, tuple[float, ...]]:
    """Word or "-ending" -> per language, log P(feature | language) minus the largest of them,
    from (text, language) rows; additive smoothing, so a word seen in one language only still
    leaves the others a small chance."""
    counts = {language: Counter() for language in LANGUAGES}
    for text, language in rows:
        words = [word for word in _WORD.findall(text.lower()[:LIMIT]) if word.isalpha()]
        counts[language].update(_evidence_features(words))
    vocabulary = set().union(*counts.values())
    totals = {language: sum(counted.values()) for language, counted in counts.items()}
    table = {}
    for feature in vocabulary:
        logs = [
            math.log(
                (counts[language][feature] + SMOOTHING)
                / (totals[language] + SMOOTHING * len(vocabulary))
            )
            for language in LANGUAGES
        ]
        top = max(logs)
        table[feature] = tuple(value - top for value in logs)
    return table


def labelled_rows() -> Iterator[tuple[str, str]]:
    """(text, language) of every item of the files in `LEARNED_FROM`."""
    # Imported here: `evaluate` imports the classifier, which imports this module.
    from civicdesk.inbox.triage.evaluate import load

    for name in LEARNED_FROM:
        for row in load(DATA_DIR / name):
            yield row["text"], row["language"]


@cache
def word_evidence() -> dict[str, tuple[float, ...]]:
    """`count_evidence` of the labelled files, counted once per process (about 1,700 short
    texts, a few tens of milliseconds)."""
    return count_evidence(labelled_rows())


@lru_cache(maxsize=65_536)
def _word_vector(word: str) -> tuple[float, ...] | None:
    """Everything one word says, per language: its stop-word votes and its learned evidence
    (the word's and its ending's); None when it says nothing. Remembered per word."""
    scores = [0.0] * len(LANGUAGES)
    known = False
    for index, weight in _VOTES.get(word, ()):
        scores[index] += weight
        known = True
    if word.isalpha():
        evidence = word_evidence()
        for feature in _evidence_features([word]):
            row = evidence.get(feature)
            if row is not None:
                scores = [score + value for score, value in zip(scores, row, strict=True)]
                known = True
    return tuple(scores) if known else None


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
    words = _WORD.findall(sample)
    vectors = list(filter(None, map(_word_vector, words)))
    if vectors:
        scores = [sum(column) for column in zip(*vectors, strict=True)]
    else:
        scores = [0.0] * len(LANGUAGES)
    for letters, indexes in _LETTER_CUES:
        if any(letter in sample for letter in letters):
            for index in indexes:
                scores[index] += 1.0
    if not vectors and max(scores) <= 0:
        return default
    if scores[1] or scores[2] or scores[3]:  # only worth a look when it is Scandinavian at all
        counts = [0] * len(_ENDING_CUES)
        for word in words:
            cues = _word_cues(word)
            if cues is not _NO_CUES:
                counts = list(map(add, counts, cues))
        for found, (_regex, indexes) in zip(counts, _ENDING_CUES, strict=True):
            for index in indexes:
                scores[index] += 0.5 * found
    if default in LANGUAGES:
        scores[LANGUAGES.index(default)] += DEFAULT_PRIOR
    best = max(scores)
    winners = [LANGUAGES[i] for i, score in enumerate(scores) if score == best]
    if len(winners) > 1:
        return default if default in winners else winners[0]
    return winners[0]
