"""What every rule may look at besides the text, computed once per text and shared (I2)."""

from dataclasses import dataclass, field
from functools import cached_property

from civicdesk.moderation.lexicon import (
    LANGUAGES,
    REGION_LANGUAGES,
    Lexicon,
    guess_language,
    languages_for,
    lexicon_for,
)
from civicdesk.moderation.normalise import TOKEN_RE, NormalisedText
from civicdesk.moderation.policy import ModerationPolicy
from civicdesk.moderation.tokens import TokenStream

LANGUAGE_REGIONS = {"sv": "SE", "nb": "NO", "nn": "NO", "da": "DK", "nl": "NL"}


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

    @property
    def folded(self) -> str:
        return self.normalised.folded

    @cached_property
    def tokens(self) -> set[str]:
        return set(TOKEN_RE.findall(self.folded))

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
    def stream(self) -> TokenStream:
        return TokenStream(self.normalised, self.lexicon)
