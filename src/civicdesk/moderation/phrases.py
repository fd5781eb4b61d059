"""The shared machinery of phrase rules: gate on trigger words, match on the token stream (I2)."""

from civicdesk.moderation.chain import Reason
from civicdesk.moderation.context import Context
from civicdesk.moderation.tokens import PlainStream

MAX_QUOTE = 60


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"


def is_obfuscated(context: Context) -> bool:
    return context.obfuscated


def phrase_matches(context: Context, section: str):
    """Yield (first token, last token, start, end) of each match of a lexicon phrase section."""
    compiled = context.lexicon.phrases.get(section)
    if compiled is None:
        return
    if section not in context.open_sections:
        return
    regex, triggers, always = compiled
    stream = context.stream
    if isinstance(stream, PlainStream) and not always:
        # A phrase never spans two sentences and contains its gate word as written, so only
        # the sentences holding a gate word can match.
        spans = stream.sentence_spans(triggers)
    else:
        spans = ((0, len(stream.text)),)
    for start, end in spans:
        for match in regex.finditer(stream.text, start, end):
            yield stream.span_of(*match.span())


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
        return [
            Reason(self.code, start, end, self.score, f"{self.label}: '{quote(text[start:end])}'")
            for _first, _last, start, end in phrase_matches(context, self.section)
        ]
