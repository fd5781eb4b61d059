"""A text as a list of canonical words with their original spans, for word and phrase rules (I2).

Built only when the cheap checks say a text may contain something (see `abuse.needs_stream`):
spaced-out letters are joined when the joined word is in the lexicon, obfuscated words are read
back ("1d!0t" -> "idiot"), and phrases are matched on the canonical text, one space between
words and a newline between sentences, so a threat cannot span two sentences.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from civicdesk.moderation.lexicon import Entry, Lexicon
from civicdesk.moderation.normalise import (
    SPACED_LETTERS_RE,
    TOKEN_RE,
    TRIPLE_RUN_RE,
    NormalisedText,
    candidates,
)

SENTENCE_END_RE = re.compile(r"[.!?\n]")
SINGLE_CHAR_RE = re.compile(r"[\w@$]")
MAX_SPACED_LETTERS = 60  # bounds the quadratic search for words in a run of letters
MIN_SPACED_WORD = 3


def _lookup_with_readings(word: str, lexicon: Lexicon) -> tuple[str, Entry] | None:
    hit = lexicon.lookup(word)
    if hit is not None:
        return word, hit[0]
    for reading, _how in candidates(word):
        hit = lexicon.lookup(reading)
        if hit is not None:
            return reading, hit[0]
    return None


@dataclass(slots=True)
class Token:
    text: str  # canonical reading, folded
    start: int  # span in the original text
    end: int
    sentence: int
    first_in_sentence: bool
    obfuscation: str = ""  # how it was hidden, "" when written plainly
    entry: Entry | None = None


class TokenStream:
    def __init__(self, normalised: NormalisedText, lexicon: Lexicon):
        self.original = normalised.original
        folded = normalised.folded
        spaced = self._spaced_words(folded, lexicon)
        # Sentence ends, in order; a token starts a new sentence when one lies before it.
        ends = [m.start() for m in SENTENCE_END_RE.finditer(folded)]
        next_end = 0
        remap = normalised.original_span if normalised.had_invisible_characters else None
        read = self._read
        tokens: list[Token] = []
        sentence, previous_end = 0, 0
        for match in TOKEN_RE.finditer(folded):
            start, end = match.span()
            if start < previous_end:
                continue  # inside a spaced-out word already taken
            first = not tokens
            if next_end < len(ends) and ends[next_end] < start:
                while next_end < len(ends) and ends[next_end] < start:
                    next_end += 1
                if tokens:
                    sentence += 1
                    first = True
            if start in spaced:
                end, word, entry = spaced[start]
                token = Token(word, start, end, sentence, first, "spaced letters", entry)
            else:
                token = read(match.group(), lexicon)
                token.start, token.end = start, end
                token.sentence, token.first_in_sentence = sentence, first
            if remap is not None:
                token.start, token.end = remap(start, end)
            tokens.append(token)
            previous_end = end
        self.tokens = tokens
        parts, self._offsets, position = [], [], 0
        for index, token in enumerate(tokens):
            if index:
                parts.append("\n" if token.sentence != tokens[index - 1].sentence else " ")
                position += 1
            self._offsets.append(position)
            parts.append(token.text)
            position += len(token.text)
        self.text = "".join(parts)

    @staticmethod
    def _spaced_words(folded: str, lexicon: Lexicon) -> dict[int, tuple[int, str, Entry]]:
        """Known words spelt out in a run of single letters: "d u e r e n i d i o t"."""
        found = {}
        for match in SPACED_LETTERS_RE.finditer(folded):
            letters = [(m.start(), m.group()) for m in SINGLE_CHAR_RE.finditer(match.group())]
            letters = letters[:MAX_SPACED_LETTERS]
            start = 0
            while start < len(letters):
                hit = None
                for stop in range(len(letters), start + MIN_SPACED_WORD - 1, -1):
                    hit = _lookup_with_readings("".join(c for _, c in letters[start:stop]), lexicon)
                    if hit is not None:
                        word, entry = hit
                        begin = match.start() + letters[start][0]
                        found[begin] = (match.start() + letters[stop - 1][0] + 1, word, entry)
                        start = stop
                        break
                if hit is None:
                    start += 1
        return found

    @staticmethod
    def _read(raw: str, lexicon: Lexicon) -> Token:
        entry = lexicon.words.get(raw)
        if entry is not None:
            return Token(raw, 0, 0, 0, False, "", entry)
        if raw.isalpha() and not TRIPLE_RUN_RE.search(raw):
            # A plainly written word: only a compound can still make it abusive.
            hit = lexicon.compound(raw)
            if hit is None:
                return Token(raw, 0, 0, 0, False)
            return Token(raw, 0, 0, 0, False, hit[1], hit[0])
        hit = lexicon.lookup(raw)
        if hit is not None:
            entry, how = hit
            return Token(raw, 0, 0, 0, False, how, entry)
        readings = candidates(raw)
        for reading, how in readings:
            hit = lexicon.lookup(reading)
            if hit is not None:
                entry, compound = hit
                return Token(reading, 0, 0, 0, False, how + (" " + compound if compound else ""),
                             entry)  # fmt: skip
        # Not a known word, but phrases still read it plainly: "d1g" -> "dig".
        plain = [reading for reading, how in readings if how in ("leetspeak", "punctuation")]
        return Token(plain[-1] if plain else raw, 0, 0, 0, False)

    def entry_indices(self) -> list[int]:
        """Indices of the tokens that are (or are compounds of) lexicon words."""
        return [index for index, token in enumerate(self.tokens) if token.entry is not None]

    def span_of(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Canonical [start, end) -> (first token index, last token index, original start, end)."""
        first = bisect_right(self._offsets, start) - 1
        last = bisect_right(self._offsets, max(start, end - 1)) - 1
        return first, last, self.tokens[first].start, self.tokens[last].end

    def raw(self, token: Token) -> str:
        return self.original[token.start : token.end]


class _PlainTokens:
    """The tokens of a `PlainStream`, made on first access, one by one."""

    __slots__ = ("_stream", "_made")

    def __init__(self, stream: "PlainStream"):
        self._stream = stream
        self._made: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self._stream.words)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        token = self._made.get(index)
        if token is None:
            token = self._made[index] = self._stream.make_token(index)
        return token

    def __iter__(self):
        return (self[index] for index in range(len(self)))


class PlainStream:
    """The token stream of a plain text (`normalise.plain_shape`), built with string methods.

    Same interface and contents as `TokenStream`: in a plain text every token is a run of letters
    or digits and reads as itself, so the canonical text is the words joined by a space, the
    sentences by a newline. Token objects (and their offsets) are made only for the tokens a rule
    looks at, which on most texts is none.
    """

    def __init__(self, normalised: NormalisedText, lexicon: Lexicon, sentences: list[list[str]]):
        self.original = normalised.original
        self._folded = normalised.folded
        self._lexicon = lexicon
        self._sentences = sentences
        self.words = [word for sentence in sentences for word in sentence]
        self.text = "\n".join(map(" ".join, sentences))
        self.tokens = _PlainTokens(self)
        self._starts: list[int] | None = None
        self._offsets: list[int] | None = None
        self._sentence_of: list[int] | None = None
        self._first: set[int] | None = None

    def sentence_spans(self, words: frozenset[str]) -> list[tuple[int, int]]:
        """[start, end) in `text` of the sentences that contain one of `words`."""
        spans, position = [], 0
        for sentence in self._sentences:
            length = sum(map(len, sentence)) + len(sentence) - 1
            if not words.isdisjoint(sentence):
                spans.append((position, position + length))
            position += length + 1
        return spans

    def entry_indices(self) -> list[int]:
        """Indices of the tokens that are (or are compounds of) lexicon words."""
        read = self._lexicon.read_plain
        hits = {word for word in set(self.words) if read(word) is not None}
        if not hits:
            return []
        return [index for index, word in enumerate(self.words) if word in hits]

    def _positions(self) -> list[int]:
        if self._starts is None:
            # Only non-word characters lie between two words, so the next occurrence of a word
            # from the end of the previous one is where it starts.
            starts, position, find = [], 0, self._folded.find
            for word in self.words:
                position = find(word, position)
                starts.append(position)
                position += len(word)
            self._starts = starts
        return self._starts

    def make_token(self, index: int) -> Token:
        if self._sentence_of is None:
            self._sentence_of = [n for n, sentence in enumerate(self._sentences) for _ in sentence]
            first, count = set(), 0
            for sentence in self._sentences:
                first.add(count)
                count += len(sentence)
            self._first = first
        word = self.words[index]
        start = self._positions()[index]
        hit = self._lexicon.read_plain(word)
        entry, how = hit if hit is not None else (None, "")
        return Token(
            word,
            start,
            start + len(word),
            self._sentence_of[index],
            index in self._first,
            how,
            entry,
        )

    def span_of(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Canonical [start, end) -> (first token index, last token index, original start, end)."""
        if self._offsets is None:
            offsets, position = [], 0
            for word in self.words:
                offsets.append(position)
                position += len(word) + 1
            self._offsets = offsets
        first = bisect_right(self._offsets, start) - 1
        last = bisect_right(self._offsets, max(start, end - 1)) - 1
        starts = self._positions()
        return first, last, starts[first], starts[last] + len(self.words[last])

    def raw(self, token: Token) -> str:
        return self.original[token.start : token.end]
