"""The project's own word lists (`lexicons/<lang>.txt`) and the fast lookups built from them (I2).

File format, one entry a line, `#` starts a comment, `[section]` starts a section:

    [insult]                      words; sections are listed in WORD_SECTIONS
    idiot/en,er,erna  vulgar      a term, its inflections after `/`, then flags
    [threat]                      phrases; sections are listed in PHRASE_SECTIONS
    jag ska {violent} ~ (dig|er)  `{section}` any word of that section, `~` up to two words,
                                  `(a|b)` one of these words, `word*` a word starting so,
                                  `!slot` the slot to gate on (default: the rarest one)

Flags: `vulgar` an insult that is also obscene (profanity when aimed at nobody); `name` also a
surname or place name (not flagged when written with a capital inside a sentence); `only` a word
that is harmless in another of our languages (used only when the text is in this language);
`mod` may start a compound (`jävla` + `idiot`).
"""

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from civicdesk.moderation.normalise import fold

LANGUAGES = ("sv", "nb", "nn", "da", "nl", "en")
# A language code as callers send it -> the lexicons that cover it.
LANGUAGE_ALIASES = {"no": ("nb", "nn"), "nb": ("nb", "nn"), "nn": ("nn", "nb")}
REGION_LANGUAGES = {"SE": ("sv",), "NO": ("nb", "nn"), "DK": ("da",), "NL": ("nl",)}

# Abusive word sections and the reason code each produces (insults depend on a target).
ABUSIVE_SECTIONS = {
    "profanity": "profanity",
    "insult": "personal_attack",
    "slur": "hate_speech",
    "sexual": "sexual",
}
HELPER_SECTIONS = (
    "mod", "head", "group", "dehumanising", "violent", "crime", "second_person", "target",
    "copula", "negation", "person_ref", "stopwords", "frequent",
)  # fmt: skip
SENSITIVE_SECTIONS = ("health", "religion", "ethnicity", "sexual_orientation", "politics", "union")
# Words too frequent to gate a phrase on; `frequent` lists more of them (prepositions, particles,
# auxiliaries, everyday nouns) only for that choice, so the language guess is not affected.
COMMON_SECTIONS = (
    "stopwords", "frequent", "second_person", "person_ref", "copula", "target", "negation",
)  # fmt: skip
WORD_SECTIONS = (*ABUSIVE_SECTIONS, *HELPER_SECTIONS)
PHRASE_SECTIONS = (
    "threat", "hate", "incitement", "profanity_phrase", "sexual_phrase", "commercial", "scam",
    *SENSITIVE_SECTIONS,
)  # fmt: skip
KNOWN_FLAGS = frozenset({"vulgar", "name", "only", "mod"})
MIN_COMPOUND_PART = 3
MIN_FREE_COMPOUND_REST = 4
PHRASE_BEFORE, PHRASE_AFTER = r"(?<![\w])", r"(?![\w])"
WORD_CHARS_RE = re.compile(r"\w+")
MAX_REMEMBERED_READS = 50_000  # "kutweer" is vulgar, "kutter" (a boat) is not a compound


class LexiconError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Entry:
    term: str  # the dictionary form, folded
    kind: str  # the section: profanity, insult, slur or sexual
    language: str
    flags: frozenset[str] = frozenset()


@dataclass
class RawLexicon:
    language: str
    words: dict[str, list[tuple[str, str, frozenset[str]]]] = field(default_factory=dict)
    phrases: dict[str, list[str]] = field(default_factory=dict)


def _expand(term: str) -> list[str]:
    stem, _, suffixes = term.partition("/")
    forms = [stem]
    for suffix in filter(None, suffixes.split(",")):
        # "-or" replaces the last letter: hora/n,-or -> hora, horan, horor
        forms.append(stem[:-1] + suffix[1:] if suffix.startswith("-") else stem + suffix)
    return forms


def parse_lexicon(text: str, language: str) -> RawLexicon:
    raw = RawLexicon(language)
    section = None
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if section not in WORD_SECTIONS and section not in PHRASE_SECTIONS:
                raise LexiconError(f"{language}.txt:{number}: unknown section [{section}]")
            continue
        if section is None:
            raise LexiconError(f"{language}.txt:{number}: entry before any [section]")
        if section in PHRASE_SECTIONS:
            raw.phrases.setdefault(section, []).append(fold(line.lower()))
            continue
        if section not in ABUSIVE_SECTIONS:
            # Helper sections are plain word lists, several to a line.
            for term in line.split():
                for form in _expand(fold(term.lower())):
                    raw.words.setdefault(section, []).append((form, term, frozenset()))
            continue
        term, *flags = line.split()
        unknown = set(flags) - KNOWN_FLAGS
        if unknown:
            raise LexiconError(f"{language}.txt:{number}: unknown flag {sorted(unknown)}")
        for form in _expand(fold(term.lower())):
            raw.words.setdefault(section, []).append((form, term.split("/")[0], frozenset(flags)))
    return raw


@cache
def raw_lexicon(language: str) -> RawLexicon:
    text = resources.files("civicdesk.moderation").joinpath(f"lexicons/{language}.txt")
    return parse_lexicon(text.read_text(encoding="utf-8"), language)


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True, slots=True)
class Phrase:
    section: str
    language: str
    source: str


class Lexicon:
    """Everything the abuse and sensitive-data rules look up, for one set of languages.

    `primary` languages are used in full; `secondary` ones (English, which people swear in
    whatever language they write) without the entries flagged `only`.
    """

    def __init__(self, primary: tuple[str, ...], secondary: tuple[str, ...]):
        self.languages = primary + secondary
        self.words: dict[str, Entry] = {}
        self.sets: dict[str, set[str]] = {name: set() for name in HELPER_SECTIONS}
        self.mods: dict[str, str] = {}  # stem -> the kind of abuse it adds to a compound
        # Vulgar stems that make any compound vulgar: Dutch "kut-", Norwegian "dritt-".
        self.free_mods: set[str] = set()
        phrases: dict[str, list[tuple[str, str]]] = {}
        for language in self.languages:
            raw = raw_lexicon(language)
            full = language in primary
            for section, forms in raw.words.items():
                for form, term, flags in forms:
                    if "only" in flags and not full:
                        continue
                    if section in ABUSIVE_SECTIONS:
                        self.words.setdefault(form, Entry(term, section, language, flags))
                        if "mod" in flags:
                            self.mods.setdefault(form, section)
                            if "vulgar" in flags and section == "profanity":
                                self.free_mods.add(form)
                    elif section == "mod":
                        self.mods.setdefault(form, "insult")
                    else:
                        self.sets[section].add(form)
            for section, lines in raw.phrases.items():
                phrases.setdefault(section, []).extend((line, language) for line in lines)
        self.word_keys = frozenset(self.words)
        self.groups = frozenset(self.sets["group"])
        self.heads = frozenset(self.sets["head"])
        self.second_person = frozenset(self.sets["second_person"])
        self.person_ref = frozenset(self.sets["person_ref"])
        self.target = frozenset(self.sets["target"])
        self.copula = frozenset(self.sets["copula"])
        self.negation = frozenset(self.sets["negation"])
        # Too frequent to gate a phrase on (`_gate_word`, `_rarest`).
        self.common_words = frozenset().union(*(self.sets[name] for name in COMMON_SECTIONS))
        self._masked_by_length: dict[int, list[str]] = {}
        for word in self.words:
            self._masked_by_length.setdefault(len(word), []).append(word)
        compound_starts = set(self.mods) | self.groups
        # A set lookup on three-letter prefixes spares the regex below for nearly every text.
        self.compound_prefixes = frozenset(start[:MIN_COMPOUND_PART] for start in compound_starts)
        self.compound_gate = re.compile(
            r"\b(?:" + _alternation(compound_starts) + rf")\w{{{MIN_COMPOUND_PART},}}"
        )
        # section -> (the words that gate it, whether some phrase has no gate word)
        self.phrases = {section: self._phrase_gates(lines) for section, lines in phrases.items()}
        self._phrase_lines = phrases
        # Every phrase gate word -> the sections it opens, so one set intersection per text
        # decides all the phrase rules (see `open_sections`).
        self.phrase_triggers: dict[str, frozenset[str]] = {}
        for section, (triggers, _always) in self.phrases.items():
            for word in triggers:
                self.phrase_triggers[word] = self.phrase_triggers.get(word, frozenset()) | {section}
        self.trigger_keys = frozenset(self.phrase_triggers)
        self.always_open = frozenset(s for s, (_t, always) in self.phrases.items() if always)
        # The same phrases one regex each, gated one by one (see `phrase_plan`): a sentence is
        # matched only against the phrases whose own gate word it holds.
        self.phrase_patterns: dict[str, tuple[re.Pattern, ...]] = {}
        self.pattern_gates: dict[str, tuple[tuple[str, int], ...]] = {}
        self.always_patterns: dict[str, tuple[int, ...]] = {}
        # (section, index) -> word sets a sentence must each meet for the phrase to match in it:
        # its gate and every slot of whole words (`_needed_words`).
        self.pattern_needs: dict[tuple[str, int], tuple[frozenset[str], ...]] = {}
        for section, lines in phrases.items():
            compiled = []
            for index, (body, gate) in enumerate(self._phrase_bodies(lines)):
                compiled.append(re.compile(PHRASE_BEFORE + "(?:" + body + ")" + PHRASE_AFTER))
                self.pattern_needs[section, index] = self._needed_words(lines[index][0], gate)
                if gate is None:
                    self.always_patterns[section] = (*self.always_patterns.get(section, ()), index)
                    continue
                for word in gate:
                    self.pattern_gates[word] = (*self.pattern_gates.get(word, ()), (section, index))
            self.phrase_patterns[section] = tuple(compiled)
        self.pattern_gate_keys = frozenset(self.pattern_gates)
        self._plain_reads: dict[str, tuple[Entry, str] | None] = {}
        self._plain_innocent: set[str] = set()  # the words `_plain_reads` holds as None
        # raw token -> (reading, how, entry) for `tokens.TokenStream` (bounded there).
        self.token_reads: dict[str, tuple[str, str, Entry | None]] = {}

    def open_sections(self, tokens: set[str]) -> frozenset[str]:
        """The phrase sections whose gate words occur among `tokens` (and those never gated)."""
        found = self.always_open
        for word in self.trigger_keys.intersection(tokens):
            found = found | self.phrase_triggers[word]
        return found

    def read_plain(self, word: str) -> tuple[Entry, str] | None:
        """(entry, how) for a word written plainly (letters, no letter tripled), else None.

        What `TokenStream` reads for such a word: the word itself, or a compound of it.
        Remembered, since the same words come back text after text (bounded).
        """
        try:
            return self._plain_reads[word]
        except KeyError:
            pass
        entry = self.words.get(word)
        hit = (entry, "") if entry is not None else None
        if hit is None and word.isalpha():
            hit = self.compound(word)
        if len(self._plain_reads) >= MAX_REMEMBERED_READS:
            self._plain_reads.clear()
            self._plain_innocent.clear()
        self._plain_reads[word] = hit
        if hit is None:
            self._plain_innocent.add(word)
        return hit

    def plain_hits(self, words: set[str]) -> set[str]:
        """The plainly written `words` that `read_plain` finds; one set difference when every
        word has been read before and found innocent, which is most words of most texts."""
        unread = words - self._plain_innocent
        if not unread:
            return unread
        read = self.read_plain
        return {word for word in unread if read(word) is not None}

    def may_have_compound(self, tokens: set[str], folded: str) -> bool:
        prefixes = {t[:MIN_COMPOUND_PART] for t in tokens if len(t) >= 2 * MIN_COMPOUND_PART}
        return bool(prefixes & self.compound_prefixes) and bool(self.compound_gate.search(folded))

    # -- words -----------------------------------------------------------------------------
    def lookup(
        self, token: str, not_cut_at: frozenset[int] = frozenset()
    ) -> tuple[Entry, str] | None:
        """The entry a canonical token is, or is a compound of, with how it was found."""
        entry = self.words.get(token)
        if entry is not None:
            return entry, ""
        if "*" in token or "#" in token:
            return self._masked(token)
        return self.compound(token, not_cut_at)

    def _masked(self, token: str) -> tuple[Entry, str] | None:
        """ "f*ck" matches a word of the same length where the visible letters agree."""
        stripped = token.strip("*#")
        if sum(char.isalpha() for char in stripped) < 2:
            return None
        pattern = re.compile(re.sub(r"[*#]", ".", re.escape(stripped).replace("\\*", "*")))
        for word in self._masked_by_length.get(len(stripped), ()):
            if pattern.fullmatch(word):
                return self.words[word], "masked"
        return None

    def compound(
        self, token: str, not_cut_at: frozenset[int] = frozenset()
    ) -> tuple[Entry, str] | None:
        """`jävlaidiot`, `kankerlijer`, `kukhuvud`: a known first part and a known last part.

        Both parts must be known, which is what keeps `Kuksa`, `fanns` and `kutter` innocent.
        `not_cut_at`: offsets where the token may not be cut in two (a zero-width space stood
        there: two words glued by it are two words, not a compound).
        """
        if (
            len(token) < 2 * MIN_COMPOUND_PART
            or token[:MIN_COMPOUND_PART] not in self.compound_prefixes
        ):
            return None
        for cut in range(MIN_COMPOUND_PART, len(token) - MIN_COMPOUND_PART + 1):
            first, rest = token[:cut], token[cut:]
            mod_kind = self.mods.get(first)
            is_group = first in self.groups
            if mod_kind is None and not is_group:
                continue
            for last in (rest, rest[1:]) if rest[:1] in ("s", "e") else (rest,):
                if not_cut_at and (cut in not_cut_at or len(token) - len(last) in not_cut_at):
                    continue
                head = self.words.get(last)
                if head is not None:
                    kind = "slur" if is_group or "slur" in (mod_kind, head.kind) else head.kind
                    # An abusive compound is obscene even when it is aimed at nobody.
                    flags = (head.flags - {"name"}) | {"vulgar"}
                    return Entry(token, kind, head.language, flags), "compound"
                if mod_kind and last in self.groups:
                    return Entry(token, "slur", self.languages[0]), "compound"
                if mod_kind and last in self.heads:
                    return Entry(
                        token, mod_kind, self.languages[0], frozenset({"vulgar"})
                    ), "compound"
                if is_group and last in self.heads:
                    return Entry(token, "slur", self.languages[0]), "compound"
            if (
                first in self.free_mods
                and len(rest) >= MIN_FREE_COMPOUND_REST
                and cut not in not_cut_at
            ):
                return Entry(
                    token, "profanity", self.languages[0], frozenset({"vulgar"})
                ), "compound"
        return None

    # -- phrases ---------------------------------------------------------------------------
    def _slot(self, word: str) -> tuple[str, set[str] | None]:
        """The regex for one phrase slot and the exact words that can fill it (None: any)."""
        if word == "~":
            return r"(?: \w+){0,2}", None
        if word.startswith("{") and word.endswith("}"):
            name = word[1:-1]
            options = self.sets.get(name)
            if options is None:
                options = {w for w, e in self.words.items() if e.kind == name}
            if not options:
                return r"(?!)", set()
            return "(?:" + _alternation(options) + ")", set(options)
        if word.startswith("(") and word.endswith(")"):
            # `+` joins words inside one option: (let+s|lets) matches "let s" or "lets".
            options = {option.replace("+", " ") for option in word[1:-1].split("|")}
            if any(option.endswith("*") for option in options):
                parts = [re.escape(o[:-1]) + r"\w*" if o.endswith("*") else re.escape(o)
                         for o in options]  # fmt: skip
                return "(?:" + "|".join(parts) + ")", None
            # A sentence holding a several-word option holds each of its words: gate on the
            # least common one ("een dood man" on "dood", not "een").
            return "(?:" + _alternation(options) + ")", {self._gate_word(o) for o in options}
        if word.endswith("*"):
            return re.escape(word[:-1]) + r"\w*", None
        return re.escape(word), {word}

    def _gate_word(self, option: str) -> str:
        """The word of a (possibly several-word) slot option to gate on: its first word that is
        not common, else its last."""
        words = option.split()
        return next((word for word in words if word not in self.common_words), words[-1])

    def _rarest(self, slots) -> set[str] | None:
        """The slot to gate a phrase on: the one least likely to occur in an ordinary text.

        Gating "(har|hade) ~ (cancer|adhd)" on "har" would build the token stream for nearly
        every Swedish comment; gating on the diagnosis keeps clean texts on the fast path.
        """
        common = self.common_words
        exact = [(index, options) for index, (_regex, options) in enumerate(slots) if options]
        if not exact:
            return None
        # The smallest share of common words first ("{violent}" with one common word among
        # twenty before "een"); among equals the later slot (phrases end in the content).
        return min(exact, key=lambda pair: (len(pair[1] & common) / len(pair[1]), -pair[0]))[1]

    def _needed_words(self, line: str, gate: set[str] | None) -> tuple[frozenset[str], ...]:
        """Word sets of which a sentence must hold one each for the phrase to match in it.

        The gate, and each exact slot whose words are all runs of word characters: such a slot
        matches between a space (or the phrase's start, after no word character) and a space (or
        the end, before none), so what it matches is one of the sentence's `\\w+` runs, the words
        `sentence_words` yields. A slot with other characters ("e-post") is left out.
        """
        needs = {frozenset(gate)} if gate is not None else set()
        for word in line.replace("'", " ").split():
            options = self._slot(word.lstrip("!"))[1]
            if options is not None and all(WORD_CHARS_RE.fullmatch(o) for o in options):
                needs.add(frozenset(options))
        return tuple(sorted(needs, key=len))

    def _phrase_bodies(self, lines: list[tuple[str, str]]):
        """(regex body, gate words or None) of each phrase line, in file order."""
        for line, _language in lines:
            words = line.replace("'", " ").split()
            marked = [index for index, word in enumerate(words) if word.startswith("!")]
            slots = [self._slot(word.lstrip("!")) for word in words]
            body = ""
            for index, (regex, _options) in enumerate(slots):
                if index and regex.startswith("(?: \\w+)"):
                    body += regex
                elif index:
                    body += " " + regex
                else:
                    body += regex
            yield body, slots[marked[0]][1] if marked else self._rarest(slots)

    def _phrase_gates(self, lines: list[tuple[str, str]]) -> tuple[frozenset[str], bool]:
        """The words that gate a section's phrases, and whether one of them has no gate word."""
        triggers, always = set(), False
        for _body, gate in self._phrase_bodies(lines):
            if gate is None:
                always = True
            else:
                triggers |= gate
        return frozenset(triggers), always

    def section_alternation(self, section: str) -> re.Pattern:
        """All of a section's phrases as one regex over the canonical token text: what matching
        them one by one (`phrase_patterns`, `phrases.leftmost_first`) must reproduce. Built on
        demand, for `tests/test_fast_path.py`; matching never uses it."""
        bodies = [body for body, _gate in self._phrase_bodies(self._phrase_lines[section])]
        return re.compile(PHRASE_BEFORE + "(?:" + "|".join(bodies) + ")" + PHRASE_AFTER)


@lru_cache(maxsize=64)
def lexicon_for(primary: tuple[str, ...], secondary: tuple[str, ...]) -> Lexicon:
    return Lexicon(primary, secondary)


def languages_for(code: str | None) -> tuple[str, ...]:
    """`sv-SE` -> ("sv",); `no` -> ("nb", "nn"); unknown -> ()."""
    if not code:
        return ()
    base = code.lower().replace("_", "-").split("-")[0]
    if base in LANGUAGE_ALIASES:
        return LANGUAGE_ALIASES[base]
    return (base,) if base in LANGUAGES else ()


@lru_cache(maxsize=1)
def stopword_sets() -> dict[str, frozenset[str]]:
    result = {}
    for language in LANGUAGES:
        forms = raw_lexicon(language).words.get("stopwords", [])
        result[language] = frozenset(form for form, _term, _flags in forms)
    return result


@lru_cache(maxsize=1)
def _stopword_index() -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """Every stopword, and for each the positions in LANGUAGES of the languages that use it."""
    sets = stopword_sets()
    index = {
        word: tuple(n for n, language in enumerate(LANGUAGES) if word in sets[language])
        for word in frozenset().union(*sets.values())
    }
    return frozenset(index), index


def guess_language(tokens: set[str]) -> str | None:
    """The language whose common words the text uses most; None when it is too short to tell."""
    words, index = _stopword_index()
    counts = [0] * len(LANGUAGES)
    for word in words.intersection(tokens):
        for position in index[word]:
            counts[position] += 1
    best, best_hits, runner_up = None, 0, 0
    for language, hits in zip(LANGUAGES, counts, strict=True):
        if hits > best_hits:
            best, best_hits, runner_up = language, hits, best_hits
        elif hits > runner_up:
            runner_up = hits
    if best_hits >= 2 and best_hits > runner_up or best_hits == 1 and runner_up == 0:
        return best
    return None
