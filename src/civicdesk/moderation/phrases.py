"""The shared machinery of phrase rules: gate on trigger words, match on the token stream (I2)."""

from civicdesk.moderation.chain import Reason
from civicdesk.moderation.context import Context
from civicdesk.moderation.normalise import looks_obfuscated

MAX_QUOTE = 60


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"


def is_obfuscated(context: Context) -> bool:
    if "obfuscated" not in context.extras:
        context.extras["obfuscated"] = looks_obfuscated(context.folded)
    return context.extras["obfuscated"]


def phrase_matches(context: Context, section: str):
    """Yield (first token, last token, start, end) of each match of a lexicon phrase section."""
    compiled = context.lexicon.phrases.get(section)
    if compiled is None:
        return
    regex, triggers, always = compiled
    if not (always or triggers & context.tokens or is_obfuscated(context)):
        return
    stream = context.stream
    for match in regex.finditer(stream.text):
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
