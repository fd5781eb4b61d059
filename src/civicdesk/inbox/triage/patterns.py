"""Compile readable keyword rules into one precompiled regular expression.

The rule tables (`rules/*.py`) and the pack's `inbox.category_keywords` are lists of patterns:

- `word`      the whole word (`tack` matches "tack" and not "tackar")
- `word*`     a word that starts so (`tack*` matches "tack", "tackar", "tacksam")
- `*part*`    anywhere inside a word (`*lamp*` matches "gatlampan"): for compound words
- `*part`     the end of a word (`*belysning` matches "gatubelysning")
- `two words` a phrase; any run of white space between the words
- `!pattern`  a strong rule: it counts twice
- `re:regex`  a raw regular expression (non-capturing groups only), for shapes such as numbers;
              `re(name):regex` gives it a name for explanations. Start it with a literal or a
              character class, not an assertion, or every position of every text pays for it.
              The scanned text starts with a newline, so `\n` also stands for "start of text".
              A regex that starts with `\b` begins at the start of a word: all such regexes of a
              table share one word-start check (most positions are inside words and skip them
              all at once), so rules that start with a list of words ("so|such|what a") are cheap.

Matching runs on lower-cased text. All literal patterns of one table are merged into a trie, so
the regular expression engine tests each position once per first character instead of once per
rule: a few hundred rules cost about as much as a few. `Matcher.scan()` is one `finditer` pass
(and a second over the short table of word parts) and reports which rule fired through the empty
named group that ends each alternative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_STAR = "\x00*"
_SPACE = "\x00 "
_END = "\x00end"


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of a rule table: the category it votes for and how strongly."""

    category: str
    pattern: str
    weight: int
    source: str
    name: str = ""

    @property
    def label(self) -> str:
        return f"{self.source}:{self.category}:{self.name or self.pattern}"


def parse(category: str, pattern: str, source: str) -> Rule:
    text = pattern.strip()
    weight = 1
    if text.startswith("!"):
        weight, text = 2, text[1:].strip()
    if not text:
        raise ValueError(f"empty pattern in {source}:{category}")
    if text.startswith("re("):
        name, _, regex = text[3:].partition("):")
        return Rule(category, "re:" + regex, weight, source, name)
    return Rule(category, text if text.startswith("re:") else text.lower(), weight, source)


def _parts(body: str) -> list[str]:
    out: list[str] = []
    for char in body:
        if char == "*":
            out.append(_STAR)
        elif char.isspace():
            if out and out[-1] != _SPACE:
                out.append(_SPACE)
        else:
            out.append(char)
    while out and out[-1] == _SPACE:
        out.pop()
    return out


def _atom(part: str) -> str:
    if part == _STAR:
        return r"\w*"
    if part == _SPACE:
        return r"\s+"
    return re.escape(part)


def _emit_word_start(root: dict) -> str:
    # The word-start check comes *after* the first character ("t(?<!\wt)…"), so the compiled
    # expression begins with a set of first characters and the engine skips every position that
    # cannot start a rule; a leading look-behind would make it try each position in turn.
    alternatives = []
    for key, child in root.items():
        first = _atom(key)
        alternatives.append(first + rf"(?<!\w{first})" + _emit(child))
    return "(?:" + "|".join(alternatives) + ")"


def _emit(node: dict) -> str:
    # Longer continuations are tried before the end of a shorter pattern, so at any position the
    # most specific rule wins ("tack för ingenting" before "tack*").
    # A trailing `*` (any continuation of the word) is tried after every literal continuation.
    keys = sorted((key for key in node if key != _END), key=lambda key: key == _STAR)
    alternatives = [_atom(key) + _emit(node[key]) for key in keys]
    if _END in node:
        alternatives.append(node[_END])
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _is_word_char(part: str) -> bool:
    return len(part) == 1 and (part.isalnum() or part == "_")


class Matcher:
    """All rules of one table merged into a single compiled expression."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules: list[Rule] = []
        anchored: dict = {}
        inside: dict = {}
        raw: list[str] = []
        word_start: list[str] = []
        seen: set[tuple[str, str]] = set()
        for rule in rules:
            if (rule.category, rule.pattern) in seen:
                continue
            seen.add((rule.category, rule.pattern))
            group = f"g{len(self.rules)}"
            if rule.pattern.startswith("re:") and rule.source != "pack":
                body = rule.pattern[3:]
                re.compile(body)  # fail early with the offending rule in the trace
                if body.startswith(r"\b"):
                    word_start.append(f"(?:{body[2:]})(?P<{group}>)")
                else:
                    raw.append(f"(?:{body})(?P<{group}>)")
                self.rules.append(rule)
                continue
            tokens = _parts(rule.pattern)
            trie = anchored
            if tokens and tokens[0] == _STAR:
                tokens, trie = tokens[1:], inside
            if not tokens or all(t in (_STAR, _SPACE) for t in tokens):
                raise ValueError(f"pattern has no letters: {rule.label}")
            if not _is_word_char(tokens[0]):
                trie = inside  # emoji and punctuation need no word boundary before them
            node = trie
            for token in tokens:
                node = node.setdefault(token, {})
            if _END in node:
                continue  # the same shape already ends here (another category won it first)
            end = "" if tokens[-1] == _STAR or not _is_word_char(tokens[-1]) else r"(?!\w)"
            node[_END] = f"{end}(?P<{group}>)"
            self.rules.append(rule)
        parts = []
        if anchored:
            parts.append(_emit_word_start(anchored))
        if word_start:
            parts.append(r"(?<!\w)(?:" + "|".join(word_start) + ")")
        parts.extend(raw)
        self.regex = re.compile("|".join(parts)) if parts else None
        # Parts of words get their own pass, so "water*" taking the whole of "waterlekkage" does
        # not hide "*lekkage*" inside it.
        self.inside = re.compile(_emit(inside)) if inside else None
        self._index = {f"g{i}": rule for i, rule in enumerate(self.rules)}

    def scan(self, text: str) -> Iterator[tuple[Rule, str]]:
        """Yield (rule, matched text) for each non-overlapping hit, left to right."""
        index = self._index
        for regex in (self.regex, self.inside):
            if regex is not None:
                for match in regex.finditer(text):
                    yield index[match.lastgroup], match.group()
