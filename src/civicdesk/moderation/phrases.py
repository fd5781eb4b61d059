"""The shared machinery of phrase rules: gate on trigger words, match on the token stream (I2)."""

import re

from civicdesk.moderation.chain import Reason
from civicdesk.moderation.context import Context

MAX_QUOTE = 60


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"


def is_obfuscated(context: Context) -> bool:
    return context.obfuscated


def phrase_matches(context: Context, section: str):
    """Yield (first token, last token, start, end) of each match of a lexicon phrase section.

    The same matches, in the same order, as one alternation of all the section's phrases run over
    the whole token text: at the leftmost position where any phrase matches, the first phrase in
    the lexicon wins, and the search goes on after its match. Only the phrases whose gate word a
    sentence holds are tried on it (a phrase never spans two sentences).
    """
    if section not in context.lexicon.phrases or section not in context.open_sections:
        return
    plan = context.phrase_plan.get(section)
    if not plan:
        return
    patterns = context.lexicon.phrase_patterns[section]
    stream = context.stream
    text = stream.text
    for start, end, indices in plan:
        for match_start, match_end in leftmost_first(patterns, indices, text, start, end):
            yield stream.span_of(match_start, match_end)


def leftmost_first(patterns, indices: list[int], text: str, start: int, end: int):
    """Spans of `patterns[i] for i in indices` as their alternation (in that order) finds them."""
    if len(indices) == 1:
        for match in patterns[indices[0]].finditer(text, start, end):
            yield match.span()
        return
    # The next match of each phrase from the current position (None: no more); a match found
    # earlier is still the next one while it starts at or after the position.
    pending: dict[int, re.Match | None] = {}
    position = start
    while position <= end:
        best = None
        for index in indices:
            match = pending.get(index, False)
            if match is False or (match is not None and match.start() < position):
                match = pending[index] = patterns[index].search(text, position, end)
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        if best is None:
            return
        yield best.span()
        position = best.end() if best.end() > best.start() else best.end() + 1


class PhraseRule:
    """A reason for every match of one phrase section of the lexicons. See `chain.Rule`."""

    def __init__(self, name: str, section: str, code: str, label: str, score: float = 0.9):
        self.name = name
        self.section = section
        self.code = code
        self.label = label
        self.score = score
        self.description = f"{label} (lexicon section [{section}])"

    def check(self, text: str, context: Context) -> list[Reason]:
        if self.section not in context.open_sections:
            return []
        return [
            Reason(self.code, start, end, self.score, f"{self.label}: '{quote(text[start:end])}'")
            for _first, _last, start, end in phrase_matches(context, self.section)
        ]
