"""Undo the tricks people use to hide words, keeping a map back to the original text (I2).

Moderation reasons carry character offsets into the text the user sent, so every step here either
maps one character to one character (`str.translate` with a table of single characters) or drops
characters and records which original index each kept character came from.

    "Du är en 1d1ooot"  ->  folded "du ar en 1d1ooot"  ->  token "1d1ooot"  ->  candidates
    "idiooot" (leetspeak), "idioot", "idiot" (repeated letters)
"""

import re
import unicodedata
from string import ascii_lowercase, digits

# Characters that render as nothing (or reorder what is shown) and are used to split a word so a
# filter misses it: zero-width spaces and joiners, bidi overrides and isolates, soft hyphen, tag
# characters, variation selectors, combining marks (strike-through letters) and C0 controls.
INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u034f\u0300-\u036f\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\u20d0-\u20ff\ufe00-\ufe0f\ufeff\U000e0000-\U000e007f]"
)
# The invisible characters that can stand between two words: zero-width space, non-joiner and
# joiner, word joiner and byte-order mark (zero-width no-break space).
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
VISIBLE_CHAR_RE = re.compile(INVISIBLE_RE.pattern.replace("[", "[^", 1), re.DOTALL)

# Letters a plain NFKD decomposition does not reduce to an ASCII base letter.
_SPECIAL_LETTERS = {
    "æ": "a", "Æ": "a", "ø": "o", "Ø": "o", "ß": "s", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l",
    "þ": "t", "Þ": "t", "ð": "d", "Ð": "d", "œ": "o", "Œ": "o", "ı": "i", "ŋ": "n", "Ŋ": "n",
}  # fmt: skip
# Cyrillic and Greek letters that look like Latin ones ("іdіot" with Cyrillic i).
_CONFUSABLES = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "к": "k", "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o",
    "Р": "p", "С": "c", "Т": "t", "Х": "x", "ο": "o", "α": "a", "ι": "i", "ε": "e", "κ": "k",
    "ν": "v", "τ": "t", "Ο": "o", "Α": "a", "Ι": "i", "Ε": "e", "Κ": "k", "Τ": "t",
}  # fmt: skip


def _build_fold_table() -> dict[int, str]:
    """Lower-case and strip diacritics, one character to one character, so offsets survive."""
    table: dict[int, str] = {}
    ranges = [range(0x41, 0x250), range(0x2460, 0x2500), range(0xFF01, 0xFF5F)]
    ranges.append(range(0x1D400, 0x1D800))  # mathematical bold/italic letters: 𝐟𝐮𝐜𝐤
    for block in ranges:
        for code in block:
            char = chr(code)
            if char in _SPECIAL_LETTERS:
                table[code] = _SPECIAL_LETTERS[char]
                continue
            base = unicodedata.normalize("NFKD", char)[:1].lower()
            if len(base) == 1 and base.isascii() and base.isalnum() and base != char:
                table[code] = base
    for char, base in _CONFUSABLES.items():
        table[ord(char)] = base
    return table


FOLD_TABLE = _build_fold_table()
# The same folding for Latin-1 text as a 256-byte table: `bytes.translate` is several times
# faster than `str.translate` with a dict, and Nordic and Dutch letters are all in Latin-1.
LATIN1_FOLD = bytes(
    ord(FOLD_TABLE.get(code, chr(code))) if len(FOLD_TABLE.get(code, chr(code))) == 1 else code
    for code in range(256)
)
LEET_TABLE = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                            "@": "a", "$": "s", "!": "i", "|": "l"})  # fmt: skip
LEET_CHARS = frozenset("013457@$!|")

# A word as people type it, obfuscation included: letters and digits, with masking characters
# (`f*ck`, `f#ck`) and leetspeak symbols inside (`$hit`, `@ss`, `1d!ot`).
# An exclamation mark after a word ends the sentence ("Du är en idiot!"); it is not masking.
TOKEN_RE = re.compile(r"[@$]?\w+(?:[*#@$!|]+\w+)*(?:[*#@$|][*#@$!|]*)?")
# Anything that makes the careful, per-token pass worthwhile: leetspeak or masking next to a
# letter, a letter tripled, or single letters spaced out ("i d i o t", "f.u.c.k"). Split into a
# cheap first test (a character class, which `re` scans for quickly) and the exact pattern.
LEET_OR_MASK_RE = re.compile(r"[013457*#@$!|]")
LEET_HINT_RE = re.compile(
    r"[a-z][0-9*#@$!|]+[a-z]"  # id10t, f*ck, sh!t
    r"|(?<![\w@$])[013457@$][a-z]{2}"  # 1diot, $hit, @ss
    r"|[a-z]{2}[013457@$|*#]+(?![\w*#])"  # idio7, fu**
)
TRIPLE_LETTER_RE = re.compile(r"([a-z])\1\1")  # idiooot
SPACED_HINT_RE = re.compile(r"[ .\-_/·*][a-z0-9@$][ .\-_/·*]{1,2}[a-z0-9@$][ .\-_/·*]")


def looks_obfuscated(folded: str) -> bool:
    return bool(
        LEET_OR_MASK_RE.search(folded)
        and LEET_HINT_RE.search(folded)
        or TRIPLE_LETTER_RE.search(folded)
        or SPACED_HINT_RE.search(" " + folded[:2] + " ")  # a text starting "i d i o t"
        or SPACED_HINT_RE.search(folded)
    )


SPACED_LETTERS_RE = re.compile(r"(?<![\w*@$])(?:[\w@$][ .\-_/·*]{1,2}){2,}[\w@$](?![\w*@$])")
SPACED_SEPARATORS_RE = re.compile(r"[ .\-_/·*]+")
TRIPLE_RUN_RE = re.compile(r"(\w)\1{2,}")
DOUBLE_RUN_RE = re.compile(r"(\w)\1+")
MASK_CHARS = frozenset("*#")


# Character classes of folded Latin-1 text, for the plain-text fast path (`plain_shape`): a
# letter or digit is "a", a spacing-out separator "s", a symbol or another word character "*"
# (underscore, superscripts, letters outside a-z: the careful pass handles those), "!" itself,
# anything else "x". One `bytes.translate` and a few substring tests replace several regex scans.
CLASS_TABLE = bytes(
    ord(
        "a"
        if char.isascii() and char.isalnum()
        else "s"
        if char in " .-/\u00b7"
        else "*"
        if char in "*#@$|" or re.match(r"\w", char)
        else "!"
        if char == "!"
        else "x"
    )
    for char in map(chr, range(256))
)
# Every word character kept, a sentence end a newline, anything else a space: `.split("\n")`
# then `.split()` gives the sentences and their words.
WORDS_TABLE = bytes(
    code if re.match(r"\w", chr(code)) else ord("\n") if chr(code) in ".!?\n" else ord(" ")
    for code in range(256)
)
# Single letters spaced out ("i d i o t"), as `SPACED_LETTERS_RE` and `SPACED_HINT_RE` see them.
SPACED_SHAPE_RE = re.compile(r"(?<!a)as{1,2}as{1,2}a(?!a)|sas{1,2}as")
SPACED_SINGLES = (b"sasas", b"sassas", b"asasa", b"asassa", b"assasa", b"assassa")
DIGIT_RE = re.compile(r"\d")
LETTER_DIGIT_RE = re.compile(r"[a-z][0-9]|[0-9][a-z]")


# For the letter-digit and tripled-letter tests: a-z "a", 0-9 "d", anything else a space; and
# from that, 0 for a letter and 0xFF for anything else.
KIND_TABLE = bytes(
    ord("a") if chr(code) in ascii_lowercase else ord("d") if chr(code) in digits else ord(" ")
    for code in range(256)
)
NOT_LETTER_MASK = bytes(0 if code == ord("a") else 0xFF for code in range(256))


def has_tripled_letter(data: bytes, kinds: bytes) -> bool:
    """`TRIPLE_LETTER_RE.search` for folded Latin-1 text, with big-integer arithmetic.

    Read as one big-endian integer, `x ^ (x >> 8)` has a zero byte exactly where a character
    equals the one before it; OR-ing in a mask of the non-letters on both sides keeps the zeros
    between two equal letters only, so two zero bytes in a row are a letter written three times.
    About ten C calls instead of a backreference tried at every position.
    """
    if len(data) < 3:
        return False
    x = int.from_bytes(data, "big")
    mask = int.from_bytes(kinds.translate(NOT_LETTER_MASK), "big")
    return b"\0\0" in ((x ^ (x >> 8)) | mask | (mask >> 8)).to_bytes(len(data), "big")


def has_spaced_letters(shape: bytes) -> bool:
    """`SPACED_SHAPE_RE.search(shape)` with substring tests.

    Every "a" the regex matches stands alone (no "a" either side), so after turning each run of
    two or more into "w"s, the remaining "a"s are exactly the single letters, and the two
    alternatives are a handful of fixed strings: two single letters between separators, or three
    single letters in a row.
    """
    singles = shape.replace(b"aa", b"ww").replace(b"wa", b"ww")
    if b"asas" not in singles and b"assas" not in singles:
        return False  # each of SPACED_SINGLES holds one of these
    return any(pattern in singles for pattern in SPACED_SINGLES)


# A "#" that starts a hashtag ("#tyresö", "#2026"): after no word character or masking symbol,
# before a letter or digit. The careful pass reads it as a separator too (`TOKEN_RE` never starts
# a token with "#"), so a text whose only symbols are these stays plain.
HASHTAG_MARK_RE = re.compile(r"(?<![\w*#@$!|])#(?=[a-z0-9])")


def only_hashtag_symbols(data: bytes, shape: bytes, folded: str) -> bool:
    """Whether every symbol of a Latin-1 text is a "#" starting a hashtag (`HASHTAG_MARK_RE`)."""
    marks = data.count(b"#")
    return (
        marks > 0 and shape.count(b"*") == marks and len(HASHTAG_MARK_RE.findall(folded)) == marks
    )


def plain_shape(normalised: "NormalisedText") -> str | None:
    """The character classes of a plain text, or None when the careful pass is needed.

    Plain: Latin-1, no hidden characters, no symbols (`*#@$|_`; `!` only after a word, `#` only
    starting a hashtag), no word mixing letters and digits, no letter tripled and no single letters
    spaced out. A plain text's
    tokens are its runs of letters or of digits, each its own canonical reading, and it never
    looks obfuscated.
    """
    data = normalised.folded_bytes
    if data is None or normalised.had_invisible_characters:
        return None
    shape = data.translate(CLASS_TABLE)
    if b"*" in shape:
        if not only_hashtag_symbols(data, shape, normalised.folded):
            return None  # symbols
        shape = shape.replace(b"*", b"x")  # each "#" only starts a hashtag: a separator
    if b"!a" in shape:
        return None  # "!" inside a word ("sh!t")
    if b"sas" in shape and has_spaced_letters(shape):
        return None
    if SPACED_HINT_RE.search(" " + normalised.folded[:2] + " "):
        return None
    kinds = data.translate(KIND_TABLE)
    if b"d" in kinds and (b"ad" in kinds or b"da" in kinds):
        return None  # LETTER_DIGIT_RE
    if has_tripled_letter(data, kinds):
        return None
    return shape.decode("latin-1")


def sentences_of(folded: str) -> list[list[str]]:
    """The words of a Latin-1 text, sentence by sentence (empty sentences left out)."""
    return sentences_in(folded.encode("latin-1").translate(WORDS_TABLE).decode("latin-1"))


def sentences_in(words_text: str) -> list[list[str]]:
    """`sentences_of` for a text already translated with `WORDS_TABLE`."""
    return [words for words in map(str.split, words_text.split("\n")) if words]


def has_digit(normalised: "NormalisedText") -> bool:
    """Whether the folded text holds a digit (`\\d`): the number rules' first gate."""
    if normalised.folded_bytes is not None:
        return b"d" in normalised.folded_bytes.translate(KIND_TABLE)  # Latin-1: only 0-9 are \d
    return DIGIT_RE.search(normalised.folded) is not None


class NormalisedText:
    """The folded form of a text and the way back to the original's character offsets."""

    __slots__ = ("original", "folded", "_origin", "latin1", "folded_bytes")

    def __init__(self, text: str):
        self.original = text
        if INVISIBLE_RE.search(text):
            self._origin: list[int] | None = [m.start() for m in VISIBLE_CHAR_RE.finditer(text)]
            stripped = "".join(text[index] for index in self._origin)
        else:
            self._origin = None
            stripped = text
        try:
            # The folded text as Latin-1 bytes too (None when it is not Latin-1): the fast path
            # translates it with 256-byte tables.
            self.folded_bytes: bytes | None = stripped.encode("latin-1").translate(LATIN1_FOLD)
            self.folded = self.folded_bytes.decode("latin-1")
            self.latin1 = True
        except UnicodeEncodeError:
            self.folded_bytes = None
            self.folded = stripped.translate(FOLD_TABLE)
            self.latin1 = False

    @property
    def had_invisible_characters(self) -> bool:
        return self._origin is not None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `folded` to the original text."""
        if self._origin is None or start >= end:
            return start, end
        return self._origin[start], self._origin[end - 1] + 1

    def zero_width_breaks(self) -> list[int]:
        """Offsets in `folded` where a zero-width space or joiner was removed between two kept
        characters: inside a word it hides the word (`id\u200biot`), between two words it
        stands for a space (see `tokens.TokenStream`)."""
        origin = self._origin
        if origin is None:
            return []
        original = self.original
        return [
            index
            for index in range(1, len(origin))
            if origin[index] - origin[index - 1] > 1
            and not ZERO_WIDTH.isdisjoint(original[origin[index - 1] + 1 : origin[index]])
        ]


def fold_visible(text: str) -> str:
    try:
        return text.encode("latin-1").translate(LATIN1_FOLD).decode("latin-1")
    except UnicodeEncodeError:
        return text.translate(FOLD_TABLE)


def fold(text: str) -> str:
    """The folded form of a lexicon entry or a phrase: the same steps as for user text."""
    return fold_visible(INVISIBLE_RE.sub("", text))


def candidates(token: str) -> list[tuple[str, str]]:
    """Readings of an obfuscated token, each with how it was hidden; the plain token is not listed.

    Leetspeak is read only when the token also has a letter, so "2024" stays a number.
    """
    readings: list[tuple[str, str]] = []
    has_letter = any(char.isalpha() for char in token)
    stripped = token.strip("*#!|")
    if stripped and stripped != token and has_letter:
        readings.append((stripped, "punctuation"))
        token = stripped
    if has_letter and any(char in LEET_CHARS for char in token):
        leet = token.translate(LEET_TABLE)
        if leet != token:
            readings.append((leet, "leetspeak"))
            token = leet
    if TRIPLE_RUN_RE.search(token):
        readings.append((TRIPLE_RUN_RE.sub(r"\1\1", token), "repeated letters"))
        readings.append((DOUBLE_RUN_RE.sub(r"\1", token), "repeated letters"))
    return readings


def split_at(text: str, breaks: list[int]) -> str:
    """`text` with a space inserted at each offset in `breaks` (ascending)."""
    parts, previous = [], 0
    for index in breaks:
        parts.append(text[previous:index])
        previous = index
    parts.append(text[previous:])
    return " ".join(parts)


def collapse_spaced(run: str) -> str:
    """ "i d i o t" -> "idiot"."""
    return SPACED_SEPARATORS_RE.sub("", run)
