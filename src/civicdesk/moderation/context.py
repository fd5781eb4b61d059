"""What every rule may look at besides the text, computed once per text and shared (I2)."""

from dataclasses import dataclass, field

from civicdesk.moderation.lexicon import (
    LANGUAGES,
    REGION_LANGUAGES,
    Lexicon,
    guess_language,
    languages_for,
    lexicon_for,
)
from civicdesk.moderation.normalise import (
    TOKEN_RE,
    WORDS_TABLE,
    NormalisedText,
    has_digit,
    looks_obfuscated,
    plain_shape,
    sentences_in,
    split_at,
)
from civicdesk.moderation.policy import ModerationPolicy
from civicdesk.moderation.tokens import WORD_RE, PlainStream, TokenStream

LANGUAGE_REGIONS = {"sv": "SE", "nb": "NO", "nn": "NO", "da": "DK", "nl": "NL"}


class cached_property:  # noqa: N801 - named after, and used like, functools.cached_property
    """`functools.cached_property` without its lock: a Context belongs to one call of `moderate`,
    and the lock (Python 3.11) costs more than most of what it guards."""

    def __init__(self, function):
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


def _holds_all(words: set[str], needs: tuple[frozenset[str], ...]) -> bool:
    """Whether `words` holds a word of each set in `needs` (`Lexicon.pattern_needs`)."""
    for needed in needs:  # noqa: SIM110 - a loop: `all()` of a generator costs more here
        if needed.isdisjoint(words):
            return False
    return True


@dataclass
class Context:
    text: str
    policy: ModerationPolicy
    language: str | None = None
    region: str | None = None
    channel: str = ""
    repeats: object | None = None  # a RepeatTracker, when the caller keeps one
    extras: dict = field(default_factory=dict)

    @cached_property
    def normalised(self) -> NormalisedText:
        return NormalisedText(self.text)

    @cached_property
    def folded(self) -> str:
        return self.normalised.folded

    @cached_property
    def shape(self) -> str | None:
        """Character classes of a plain text (`normalise.plain_shape`); None: not plain."""
        return plain_shape(self.normalised)

    @cached_property
    def words_text(self) -> str | None:
        """A plain text's word characters, a newline for each sentence end, else spaces."""
        if self.shape is None:
            return None
        return self.normalised.folded_bytes.translate(WORDS_TABLE).decode("latin-1")

    @cached_property
    def sentences(self) -> list[list[str]] | None:
        """A plain text's words, sentence by sentence; None when the text is not plain."""
        if self.words_text is None:
            return None
        return sentences_in(self.words_text)

    @cached_property
    def tokens(self) -> set[str]:
        words_text = self.words_text
        if words_text is not None:
            return set(words_text.split())  # the words of all `sentences`, which may wait
        tokens = set(TOKEN_RE.findall(self.folded))
        breaks = self.normalised.zero_width_breaks()
        if breaks:
            # Words glued by a zero-width space count as the words too (`tokens.TokenStream`).
            tokens.update(TOKEN_RE.findall(split_at(self.folded, breaks)))
        return tokens

    @cached_property
    def has_digits(self) -> bool:
        """Any digit at all: the number rules need one before their own gates."""
        return has_digit(self.normalised)

    @cached_property
    def obfuscated(self) -> bool:
        return self.shape is None and looks_obfuscated(self.folded)

    @cached_property
    def open_sections(self) -> frozenset[str]:
        """The lexicon phrase sections worth matching on this text (their gate words occur)."""
        if self.obfuscated:
            return frozenset(self.lexicon.phrases)
        return self.lexicon.open_sections(self.tokens)

    @cached_property
    def phrase_plan(self) -> dict[str, list[tuple[int, int, list[int]]]]:
        """Section -> (start, end, phrase indices) of each sentence of the stream's text that holds
        the gate word of one of the section's phrases (`Lexicon.phrase_patterns`) and a word of
        each of its other word slots (`Lexicon.pattern_needs`): a phrase missing one cannot
        match in that sentence, and leaving it out changes no match of the others."""
        lexicon = self.lexicon
        gates, keys, always, needs = (
            lexicon.pattern_gates,
            lexicon.pattern_gate_keys,
            lexicon.always_patterns,
            lexicon.pattern_needs,
        )
        plan: dict[str, list[tuple[int, int, list[int]]]] = {}
        if not always:
            # First the whole text, then its sentences. A plain text's tokens are its stream's
            # words; otherwise the stream's words are the word runs of its canonical text.
            if self.words_text is not None:
                tokens = self.tokens
                single = len(self.sentences) == 1
            else:
                tokens = set(WORD_RE.findall(self.stream.text))
                single = "\n" not in self.stream.text
            hits = keys.intersection(tokens)
            if not hits:
                return plan
            possible = sorted({pair for word in hits for pair in gates[word]})
            possible = [pair for pair in possible if _holds_all(tokens, needs[pair])]
            if not possible:
                return plan
            for start, end, words in self.stream.sentence_words():
                present = tokens if single else set(words)  # one sentence: its words are `tokens`
                chosen: dict[str, list[int]] = {}
                for section, index in possible:  # by section, then phrase index
                    if single or _holds_all(present, needs[section, index]):
                        chosen.setdefault(section, []).append(index)
                for section, indices in chosen.items():
                    plan.setdefault(section, []).append((start, end, indices))
            return plan
        for start, end, words in self.stream.sentence_words():
            hits = keys.intersection(words)
            if not hits and not always:
                continue
            present = set(words)
            found: dict[str, set[int]] = {
                section: set(indices) for section, indices in always.items()
            }
            for word in hits:
                for section, index in gates[word]:
                    if _holds_all(present, needs[section, index]):
                        found.setdefault(section, set()).add(index)
            for section, indices in found.items():
                if indices:
                    plan.setdefault(section, []).append((start, end, sorted(indices)))
        return plan

    def digit_count(self) -> int:
        if "digits" not in self.extras:
            folded = self.folded
            self.extras["digits"] = sum(map(folded.count, "0123456789"))
        return self.extras["digits"]

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """The lexicon languages for this text: given, guessed, or the organisation's."""
        given = languages_for(self.language)
        if given:
            return given
        guessed = languages_for(guess_language(self.tokens))
        if guessed:
            return guessed
        return REGION_LANGUAGES.get(self.region or "", ())

    @cached_property
    def lexicon(self) -> Lexicon:
        primary = self.languages
        if not primary:
            # Unknown language: every lexicon, but not the words harmless in another language.
            return lexicon_for((), LANGUAGES)
        return lexicon_for(primary, () if "en" in primary else ("en",))

    @cached_property
    def phone_region(self) -> str:
        if self.region:
            return self.region
        return LANGUAGE_REGIONS.get(self.languages[0] if self.languages else "", "SE")

    @cached_property
    def stream(self) -> TokenStream | PlainStream:
        if self.words_text is not None:
            return PlainStream(self.normalised, self.lexicon, self.sentences, self.words_text)
        return TokenStream(self.normalised, self.lexicon)
