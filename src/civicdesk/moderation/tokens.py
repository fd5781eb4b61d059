"""A text as a list of canonical words with their original spans, for word and phrase rules (I2).

Built only when the cheap checks say a text may contain something (see `abuse.needs_stream`):
spaced-out letters are joined when the joined word is in the lexicon, obfuscated words are read
back ("1d!0t" -> "idiot"), and phrases are matched on the canonical text, one space between
words and a newline between sentences, so a threat cannot span two sentences.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, chain, compress, count, repeat
from operator import add

from civicdesk.moderation.lexicon import Entry, Lexicon
from civicdesk.moderation.normalise import (
    SPACED_LETTERS_RE,
    TOKEN_RE,
    TRIPLE_RUN_RE,
    NormalisedText,
    candidates,
)

SENTENCE_END_RE = re.compile(r"[.!?\n]")
WORD_RE = re.compile(r"\w+")
SINGLE_CHAR_RE = re.compile(r"[\w@$]")
MAX_SPACED_LETTERS = 60  # bounds the quadratic search for words in a run of letters
MIN_SPACED_WORD = 3
MAX_REMEMBERED_TOKENS = 50_000


def _lookup_with_readings(word: str, lexicon: Lexicon) -> tuple[str, Entry] | None:
    hit = lexicon.lookup(word)
    if hit is not None:
        return word, hit[0]
    for reading, _how in candidates(word):
        hit = lexicon.lookup(reading)
        if hit is not None:
            return reading, hit[0]
    return None


def word_offsets(words: list[str]) -> list[int]:
    """Where each word starts in the words joined by one character each: the lengths before it
    plus one separator for each word before it."""
    return list(map(add, accumulate(map(len, words), initial=0), range(len(words))))


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
        remap = normalised.original_span if normalised.had_invisible_characters else None
        breaks = normalised.zero_width_breaks() if remap is not None else []
        reads = lexicon.token_reads  # the same words come back text after text
        tokens = self._tokens(folded, spaced, ends, remap, breaks, lexicon, reads)
        self.tokens = tokens
        self.words = words = [token.text for token in tokens]
        self.sentence_ids = sentence_ids = [token.sentence for token in tokens]
        # One space between words, a newline between sentences; `_offsets`: where each starts.
        separators = [
            "\n" if sentence_ids[index] != sentence_ids[index - 1] else " "
            for index in range(1, len(tokens))
        ]
        separators.append("")  # as many as words (none when there are no words)
        pairs = zip(words, separators[: len(words)], strict=True)
        self.text = "".join([part for pair in pairs for part in pair])
        self._offsets = word_offsets(words)

    def _tokens(self, folded, spaced, ends, remap, breaks, lexicon, reads):
        """The tokens of `folded`: spaced-out letters taken as one word, words with zero-width
        breaks read across them, every other match of TOKEN_RE read as a whole."""
        next_end = 0
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
            elif breaks and any(start < index < end for index in breaks):
                for token in self._read_across(match, breaks, lexicon, reads):
                    token.sentence, token.first_in_sentence = sentence, first
                    if remap is not None:
                        token.start, token.end = remap(token.start, token.end)
                    tokens.append(token)
                    first = False
                previous_end = end
                continue
            else:
                raw = match.group()
                reading = reads.get(raw)
                if reading is None:
                    reading = self._remember(raw, lexicon, reads)
                if remap is not None:
                    start, end = remap(start, end)
                token = Token(reading[0], start, end, sentence, first, reading[1], reading[2])
                tokens.append(token)
                previous_end = match.end()
                continue
            if remap is not None:
                token.start, token.end = remap(start, end)
            tokens.append(token)
            previous_end = end
        return tokens

    @classmethod
    def _remember(cls, raw: str, lexicon: Lexicon, reads: dict) -> tuple[str, str, Entry | None]:
        if len(reads) >= MAX_REMEMBERED_TOKENS:
            reads.clear()
        made = cls._read(raw, lexicon)
        reading = reads[raw] = (made.text, made.obfuscation, made.entry)
        return reading

    @classmethod
    def _read_memo(cls, raw: str, lexicon: Lexicon, reads: dict) -> Token:
        reading = reads.get(raw) or cls._remember(raw, lexicon, reads)
        return Token(reading[0], 0, 0, 0, False, reading[1], reading[2])

    @classmethod
    def _read_across(cls, match: re.Match, breaks: list[int], lexicon: Lexicon, reads: dict):
        """The token(s) of a word with zero-width characters inside (spans in `folded`).

        The glued word when the lexicons know it (`id\u200biot` is "idiot"); never a compound
        cut where a zero-width character stood (`kanker\u200bhoofd` is two words); otherwise the
        words on either side, as if the zero-width character were a space.
        """
        start, end = match.span()
        inside = [index for index in breaks if start < index < end]
        token = cls._read(match.group(), lexicon, frozenset(index - start for index in inside))
        if token.entry is not None:
            token.start, token.end = start, end
            return [token]
        pieces = []
        folded = match.string
        for piece_start, piece_end in zip([start, *inside], [*inside, end], strict=True):
            for piece in TOKEN_RE.finditer(folded, piece_start, piece_end):
                token = cls._read_memo(piece.group(), lexicon, reads)
                token.start, token.end = piece.span()
                pieces.append(token)
        return pieces

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
    def _read(raw: str, lexicon: Lexicon, not_cut_at: frozenset[int] = frozenset()) -> Token:
        entry = lexicon.words.get(raw)
        if entry is not None:
            return Token(raw, 0, 0, 0, False, "", entry)
        if raw.isalpha() and not TRIPLE_RUN_RE.search(raw):
            # A plainly written word: only a compound can still make it abusive.
            hit = lexicon.compound(raw, not_cut_at)
            if hit is None:
                return Token(raw, 0, 0, 0, False)
            return Token(raw, 0, 0, 0, False, hit[1], hit[0])
        hit = lexicon.lookup(raw, not_cut_at)
        if hit is not None:
            entry, how = hit
            return Token(raw, 0, 0, 0, False, how, entry)
        readings = candidates(raw)
        for reading, how in readings:
            # Offsets into the token still hold for a reading of the same length (leetspeak).
            hit = lexicon.lookup(reading, not_cut_at if len(reading) == len(raw) else frozenset())
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

    def has_entry(self, index: int) -> bool:
        return self.tokens[index].entry is not None

    def sentence_words(self):
        """(start, end, words) of each sentence of `text`; words are its runs of word characters,
        which is what a phrase's gate word must be to match (see `Lexicon.phrase_patterns`)."""
        position = 0
        for line in self.text.split("\n"):
            end = position + len(line)
            yield position, end, WORD_RE.findall(line)
            position = end + 1

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

    def __init__(
        self,
        normalised: NormalisedText,
        lexicon: Lexicon,
        sentences: list[list[str]],
        words_text: str | None = None,
    ):
        self.original = normalised.original
        self._folded = normalised.folded
        self._words_text = words_text  # `Context.words_text`: the offsets by arithmetic
        self._lexicon = lexicon
        self._sentences = sentences
        self.words = list(chain.from_iterable(sentences))
        self.text = "\n".join(map(" ".join, sentences))
        self.tokens = _PlainTokens(self)
        self._starts: list[int] | None = None
        self._offsets: list[int] | None = None
        self._sentence_ids: list[int] | None = None

    def sentence_words(self):
        """(start, end, words) of each sentence of `text`, as `TokenStream.sentence_words`."""
        position = 0
        for sentence in self._sentences:
            end = position + sum(map(len, sentence)) + len(sentence) - 1
            yield position, end, sentence
            position = end + 1

    def entry_indices(self, hits: set[str] | None = None) -> list[int]:
        """Indices of the tokens that are (or are compounds of) lexicon words; `hits`, when
        given, are those words (`Lexicon.plain_hits` of the text's words)."""
        if hits is None:
            hits = self._lexicon.plain_hits(set(self.words))
        if not hits:
            return []
        return list(compress(count(), map(hits.__contains__, self.words)))

    def _positions(self) -> list[int]:
        if self._starts is None:
            # The words of a plain text are exactly the runs of word characters of `folded`,
            # which `words_text` keeps in place with one space or newline for each other
            # character: a piece of it split at single spaces starts where the pieces before it,
            # one separator each, end.
            if self._words_text is None:
                self._starts = [match.start() for match in WORD_RE.finditer(self._folded)]
            else:
                pieces = self._words_text.replace("\n", " ").split(" ")
                starts = map(add, accumulate(map(len, pieces), initial=0), count())
                self._starts = list(compress(starts, pieces))  # the non-empty pieces' starts
        return self._starts

    @property
    def sentence_ids(self) -> list[int]:
        """The sentence number of each word."""
        if self._sentence_ids is None:
            lengths = map(len, self._sentences)
            self._sentence_ids = list(chain.from_iterable(map(repeat, count(), lengths)))
        return self._sentence_ids

    def has_entry(self, index: int) -> bool:
        return self._lexicon.read_plain(self.words[index]) is not None

    def make_token(self, index: int) -> Token:
        sentence_ids = self.sentence_ids
        word = self.words[index]
        start = self._positions()[index]
        hit = self._lexicon.read_plain(word)
        entry, how = hit if hit is not None else (None, "")
        first = index == 0 or sentence_ids[index - 1] != sentence_ids[index]
        return Token(word, start, start + len(word), sentence_ids[index], first, how, entry)

    def span_of(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Canonical [start, end) -> (first token index, last token index, original start, end)."""
        if self._offsets is None:
            # `text` is the words, one space or newline between two: no need to search it.
            self._offsets = word_offsets(self.words)
        first = bisect_right(self._offsets, start) - 1
        last = bisect_right(self._offsets, max(start, end - 1)) - 1
        starts = self._positions()
        return first, last, starts[first], starts[last] + len(self.words[last])

    def raw(self, token: Token) -> str:
        return self.original[token.start : token.end]
