"""Rule-based category of an incoming item (I4, I6, I7; removal categories I2).

The categories are the contract's: praise, question, opinion, fault_report, political, negative,
offensive, confidential, spam, other. Rules are word and phrase tables per language (`rules/`),
extended by the pack's `inbox.category_keywords`; every result names the rule that decided it, so
the inbox can show *why* ("fault_report: 'fungerar inte' (sv)").

How the votes become one category, in this order:

1. A moderation verdict, when given, decides offensive, confidential and spam (I2): its reason
   codes map through `MODERATION_CATEGORIES`, confidential before offensive before spam. With a
   verdict present the built-in rules for those three categories are not used, so the inbox never
   contradicts the moderation step. Without one, the built-in rules give a best effort.
2. political — addressed to politicians, parties or council decisions; referred (I6).
3. fault_report — a fault phrase, or a maintained object together with a defect word (I4).
4. negative — hostile criticism or venting that outweighs praise; not answered when the pack says
   so (I7).
5. question, then opinion (a suggestion or view that outweighs any praise), then praise.
6. other — greetings, tags, emoji, nothing recognised.
7. Then the learned model (`model.py`) reads the rules' votes and decision with the text's words
   and may override the decision, unless a word of the pack decided it; with a moderation verdict
   it never picks a removal category. The explanation then names the model and what the rules
   said. A pack with `inbox.category_model = false` keeps the rules' decision.

Cost: normalisation (format characters out, NFKC, lower case), one regex pass over at most
`LIMIT` characters, a few additions per hit, then the model's features and one column sum per
feature block (about 35 µs for the rules and 50 µs for the model on a 200-character comment).
The matchers are built once per `Classifier`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from civicdesk.inbox.triage.language import guess_language, normalise_language
from civicdesk.inbox.triage.model import features, load_model
from civicdesk.inbox.triage.patterns import Matcher, Rule, parse
from civicdesk.inbox.triage.rules import HELPER_KEYS, LANGUAGE_RULES, SHARED_RULES
from civicdesk.policy.schema import CATEGORIES  # the contract's categories, defined once

REMOVAL_CATEGORIES = ("confidential", "offensive", "spam")
LIMIT = 10_000
MAX_HITS = 20

MODERATION_CATEGORIES = {
    "personal_id_number": "confidential",
    "sensitive_data": "confidential",
    "confidential": "confidential",
    "bank_account": "confidential",
    "profanity": "offensive",
    "personal_attack": "offensive",
    "hate_speech": "offensive",
    "threat": "offensive",
    "sexual": "offensive",
    "crime_incitement": "offensive",
    "commercial": "spam",
    "spam": "spam",
}

_KEYS = CATEGORIES + HELPER_KEYS
_INDEX = {key: i for i, key in enumerate(_KEYS)}
_MIN_SCORE = {"spam": 2}  # a link or the word "free" alone is not spam
# Invisible characters used to hide words from filters or to flip text direction.
_FORMAT_CHARS = dict.fromkeys(
    [0x00AD, 0x034F, 0x061C, 0x180E, 0xFEFF, *range(0x200B, 0x2010), *range(0x202A, 0x202F)]
    + [*range(0x2060, 0x2065), *range(0x2066, 0x206A)],
)
_FORMAT_SEARCH = re.compile("[" + "".join(re.escape(chr(c)) for c in _FORMAT_CHARS) + "]").search


@dataclass(frozen=True, slots=True)
class Classification:
    """The category and why: `rule` is the deciding rule's label, `matched` the text it hit."""

    category: str
    language: str | None
    language_guessed: bool
    rule: str | None
    matched: str | None
    explanation: str
    hits: tuple[tuple[str, str], ...] = ()


def normalise_text(text: str) -> str:
    """Lower-case text without invisible format characters, compatibility-normalised (NFKC)."""
    text = text[:LIMIT]
    if not text.isascii():
        if _FORMAT_SEARCH(text):  # `translate` costs a dict lookup per character; most have none
            text = text.translate(_FORMAT_CHARS)
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def _pack_rules(category_keywords: Mapping[str, Iterable[str]] | None) -> list[Rule]:
    rules = []
    for category, words in (category_keywords or {}).items():
        if category not in CATEGORIES:
            raise ValueError(f"unknown category in inbox.category_keywords: {category!r}")
        for word in words:
            word = " ".join(str(word).lower().split()).lstrip("!")
            if word.strip("* "):
                # Pack words are literal (only `*` is special) and count as strong rules.
                rules.append(Rule(category, word, 2, "pack"))
    return rules


def moderation_category(verdict: Mapping | None) -> tuple[str, str] | None:
    """(category, reason code) a moderation verdict decides, or None (I2)."""
    if not verdict:
        return None
    found: dict[str, str] = {}
    for reason in verdict.get("reasons") or ():
        code = reason.get("code") if isinstance(reason, Mapping) else None
        category = MODERATION_CATEGORIES.get(code)
        if category and category not in found:
            found[category] = code
    for category in REMOVAL_CATEGORIES:
        if category in found:
            return category, found[category]
    return None


class Classifier:
    """Built-in rules of each language plus the pack's `inbox.category_keywords`, compiled once."""

    def __init__(
        self,
        category_keywords: Mapping[str, Iterable[str]] | None = None,
        *,
        default_language: str | None = None,
        use_model: bool = True,
    ):
        pack = _pack_rules(category_keywords)
        shared = [
            parse(category, pattern, "shared")
            for category, patterns in SHARED_RULES.items()
            for pattern in patterns
        ]
        # The organisation's language, if known, leads the guess for items without one; the
        # rules fall back to English when nothing is known at all.
        self.guess_default = normalise_language(default_language)
        self.default_language = self.guess_default or "en"
        self.model = load_model() if use_model else None
        self._rules = (pack, shared)
        # Each language's expression is compiled when a text in it first comes in: a Swedish
        # municipality need not wait for the Dutch and Danish tables.
        self.matchers: dict[str, Matcher] = {}
        self.matcher(self.default_language)

    def matcher(self, language: str) -> Matcher:
        """The compiled rules of `language` (a code from `LANGUAGE_RULES`)."""
        found = self.matchers.get(language)
        if found is None:
            pack, shared = self._rules
            own = [
                parse(category, pattern, language)
                for category, patterns in LANGUAGE_RULES[language].items()
                for pattern in patterns
            ]
            found = self.matchers[language] = Matcher([*pack, *own, *shared])
        return found

    def classify(
        self,
        text: str | None,
        *,
        language: str | None = None,
        moderation: Mapping | None = None,
    ) -> Classification:
        """The category of `text` (see the module docstring for the order of decisions)."""
        return self.classify_normalised(
            normalise_text(text or ""), language=language, moderation=moderation
        )

    def classify_normalised(
        self, lowered: str, *, language: str | None = None, moderation: Mapping | None = None
    ) -> Classification:
        """`classify` for text that already went through `normalise_text`."""
        code, guessed = self._language(lowered, language)
        decided = moderation_category(moderation)
        if decided:
            category, reason = decided
            return Classification(
                category,
                code,
                guessed,
                f"moderation:{reason}",
                None,
                f"{category}: the moderation verdict gave reason '{reason}' (I2)",
            )
        if not lowered.strip():
            return Classification("other", code, guessed, None, None, "other: empty text")

        scores, first, hits = self._votes(lowered, code)
        category, deciding = _decide(scores, first, use_removal=moderation is None)
        model = self.model
        if model is not None and not (deciding is not None and deciding[0].source == "pack"):
            # The organisation's own words always stand; otherwise the learned model may
            # override the built-in rules' decision (`model.py`).
            found = features(lowered, code, _voted(scores), category)
            learned, lead = model.predict(
                found, exclude=REMOVAL_CATEGORIES if moderation is not None else ()
            )
            if learned != category:
                said = deciding[1].strip(" \t\n.!:") if deciding else ""
                ruled = f"'{said}' ({category})" if said else category
                return Classification(
                    learned,
                    code,
                    guessed,
                    "model",
                    None,
                    f"{learned}: learned model, ahead by {lead:.2f}, over the rules' {ruled}",
                    tuple(hits),
                )
        if deciding is None:
            return Classification(
                category, code, guessed, None, None, "other: no rule matched", tuple(hits)
            )
        rule, matched = deciding
        matched = matched.strip(" \t\n.!:")
        quoted = f"'{matched}' " if matched else ""
        explanation = (
            f"{category}: {quoted}matched {rule.source} rule '{rule.name or rule.pattern}'"
        )
        if category == "fault_report" and rule.category == "fault_object":
            defect = first[_INDEX["fault_defect"]]
            explanation += f" together with defect '{defect[1]}'" if defect else ""
        return Classification(
            category, code, guessed, rule.label, matched, explanation, tuple(hits)
        )

    def _language(self, lowered: str, language: str | None) -> tuple[str, bool]:
        """The language code to classify in, and whether it was guessed."""
        code = normalise_language(language)
        if code is not None:
            return code, False
        return guess_language(lowered, self.guess_default) or self.default_language, True

    def _votes(self, lowered: str, code: str) -> tuple[list[int], list, list[tuple[str, str]]]:
        """The rules' score per key, the first hit per key, and the hits' labels and texts."""
        scores = [0] * len(_KEYS)
        first: list[tuple[Rule, str] | None] = [None] * len(_KEYS)
        hits: list[tuple[str, str]] = []
        # The leading newline lets rules treat "start of text" like "after a line break".
        for rule, matched in self.matcher(code).scan("\n" + lowered):
            index = _INDEX[rule.category]
            scores[index] += rule.weight
            if first[index] is None:
                first[index] = (rule, matched)
            if len(hits) < MAX_HITS:
                hits.append((rule.label, matched))
        return scores, first, hits

    def describe(self, text: str, language: str | None = None) -> dict[str, set[str]]:
        """The learned model's features of `text` (`model.features`), the rules' votes included."""
        lowered = normalise_text(text or "")
        code, _guessed = self._language(lowered, language)
        scores, first, _hits = self._votes(lowered, code)
        category, _deciding = _decide(scores, first, use_removal=True)
        return features(lowered, code, _voted(scores), category)


def _voted(scores: list[int]) -> list[str]:
    return [key for key, score in zip(_KEYS, scores, strict=True) if score]


def _decide(scores: list[int], first: list, *, use_removal: bool) -> tuple[str, tuple | None]:
    def score(key: str) -> int:
        return scores[_INDEX[key]]

    def hit(key: str) -> tuple | None:
        return first[_INDEX[key]]

    if use_removal:
        for category in REMOVAL_CATEGORIES:
            if score(category) >= _MIN_SCORE.get(category, 1):
                return category, hit(category)
    praise = score("praise")
    if score("political") and score("political") >= praise:
        return "political", hit("political")
    if score("fault_report"):
        return "fault_report", hit("fault_report")
    if score("fault_object") and score("fault_defect"):
        return "fault_report", hit("fault_object")
    if score("negative") and score("negative") >= praise:
        return "negative", hit("negative")
    if score("question"):
        return "question", hit("question")
    if score("opinion") and score("opinion") > praise:
        return "opinion", hit("opinion")
    if praise:
        return "praise", hit("praise")
    return "other", None


@lru_cache(maxsize=64)
def _cached_classifier(
    keywords: tuple, default_language: str | None, use_model: bool
) -> Classifier:
    return Classifier(dict(keywords), default_language=default_language, use_model=use_model)


def classifier_for(
    inbox: Mapping | None, default_language: str | None = None, *, use_model: bool = True
) -> Classifier:
    """The compiled classifier for a pack's `[inbox]` table, cached by its keywords; the learned
    model only if `use_model` and the pack's `category_model` (default true) allow it."""
    inbox = inbox or {}
    keywords = inbox.get("category_keywords") or {}
    key = tuple(sorted((category, tuple(words)) for category, words in keywords.items()))
    use_model = use_model and inbox.get("category_model", True) is not False
    return _cached_classifier(key, default_language, use_model)


def classify(
    text: str | None,
    *,
    language: str | None = None,
    moderation: Mapping | None = None,
    inbox: Mapping | None = None,
    default_language: str | None = None,
    use_model: bool = True,
) -> Classification:
    """Classify one item with the built-in rules and the pack's `inbox.category_keywords` (I4),
    and the learned model unless `use_model` is false."""
    return classifier_for(inbox, default_language, use_model=use_model).classify(
        text, language=language, moderation=moderation
    )
