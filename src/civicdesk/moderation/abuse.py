"""Abuse: profanity, personal attacks, hate speech, threats, sexual content, incitement (I2).

Words come from the curated lexicons (`lexicons/*.txt`); an insult counts as a personal attack
only when it is aimed at someone ("du är en idiot", "you idiot", "wat ben jij een idioot"), not
when it describes a decision. Threats, hate speech and incitement are phrase patterns.
"""

from civicdesk.moderation.chain import Reason
from civicdesk.moderation.context import Context
from civicdesk.moderation.phrases import PhraseRule, is_obfuscated, quote
from civicdesk.moderation.tokens import Token, TokenStream

WINDOW_BEFORE = 5


def _obfuscation_note(token: Token, raw: str) -> str:
    if not token.obfuscation:
        return ""
    if token.obfuscation == "compound":
        return " (in the compound word)"
    return f" (obfuscated as '{quote(raw)}', {token.obfuscation})"


def looks_like_name(stream: TokenStream, index: int) -> bool:
    """ "Anna Hora", "familjen Hora": a capitalised word inside a sentence, or before a name."""
    raw = stream.raw(stream.tokens[index])
    if not raw[:1].isupper() or raw.isupper():
        return False
    if not stream.tokens[index].first_in_sentence:
        return True
    following = stream.tokens[index + 1] if index + 1 < len(stream.tokens) else None
    return following is not None and stream.raw(following)[:1].isupper()


def _is_vocative(stream: TokenStream, index: int) -> bool:
    """An insult opening its sentence (after other abuse only) and followed by `,` or `!`."""
    sentence_ids = stream.sentence_ids
    first = index
    while first and sentence_ids[first - 1] == sentence_ids[index]:
        first -= 1
        if not stream.has_entry(first):
            return False
    end = stream.tokens[index].end
    return stream.original[end : end + 2].lstrip()[:1] in (",", "!")


def _target_near(stream: TokenStream, index: int, context: Context) -> str | None:
    """A person or staff word (`target`, `second_person`) within `WINDOW_BEFORE` words either
    side of the insult in its sentence, as written, with no negation among the words; else None."""
    lexicon = context.lexicon
    words, sentence_ids = stream.words, stream.sentence_ids
    sentence = sentence_ids[index]
    near = [
        i
        for i in range(max(0, index - WINDOW_BEFORE), min(len(words), index + WINDOW_BEFORE + 1))
        if i != index and sentence_ids[i] == sentence
    ]
    if any(words[i] in lexicon.negation for i in near):
        return None
    for i in near:
        if words[i] in lexicon.target or words[i] in lexicon.second_person:
            return stream.raw(stream.tokens[i])
    return None


def is_directed(stream: TokenStream, index: int, context: Context) -> bool:
    """Is the insult at `index` aimed at a person (second person, or a named role with a verb)?"""
    lexicon = context.lexicon
    words, sentence_ids = stream.words, stream.sentence_ids
    sentence = sentence_ids[index]
    before = [
        words[i] for i in range(max(0, index - WINDOW_BEFORE), index) if sentence_ids[i] == sentence
    ]
    if any(word in lexicon.negation for word in before):
        return False
    if before and before[-1] in lexicon.second_person:
        return True  # "din idiot", "you idiot", "jij idioot"
    has_target = any(w in lexicon.second_person or w in lexicon.target for w in before)
    if has_target and any(word in lexicon.copula for word in before):
        return True  # "du är en idiot", "rektorn är en idiot", "wat ben jij een idioot"
    if _is_vocative(stream, index):
        return True  # "Dumskalle, läs beslutet!", "Kankerlijer, geef antwoord"
    after = [words[i] for i in range(index + 1, min(index + 4, len(words)))
             if sentence_ids[i] == sentence]  # fmt: skip
    if len(after) < 2 or any(word in lexicon.negation for word in after):
        return False  # "en idiot är du inte"
    first, second = after[:2]
    # "idiot är du"; and the exclamation "Vilken idiot du är", "what an idiot you are".
    return (first in lexicon.copula and second in lexicon.second_person) or (
        first in lexicon.second_person and second in lexicon.copula
    )


class AbusiveWordsRule:
    """Words from the lexicons, obfuscated or compounded too. See `chain.Rule`."""

    name = "abusive-words"
    description = "Profanity, insults aimed at a person, slurs and sexual words (I2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        lexicon = context.lexicon
        if context.words_text is not None:
            # A plain text: its words are read as they are written, one dictionary lookup each.
            hits = lexicon.plain_hits(context.tokens)
            if not hits:
                return []
            stream = context.stream
            indices = stream.entry_indices(hits)
        elif not (
            lexicon.word_keys & context.tokens
            or is_obfuscated(context)
            or lexicon.may_have_compound(context.tokens, context.folded)
        ):
            return []
        else:
            stream = context.stream
            indices = stream.entry_indices()
        reasons = []
        for index in indices:
            token = stream.tokens[index]
            entry = token.entry
            if "name" in entry.flags and looks_like_name(stream, index):
                continue
            raw = stream.raw(token)
            note = _obfuscation_note(token, raw)
            score = 0.85 if token.obfuscation == "compound" else 0.95
            shown = entry.term
            if entry.kind == "insult":
                if is_directed(stream, index, context):
                    code, detail = "personal_attack", f"insult '{shown}' aimed at a person"
                elif len(stream.tokens) <= 2:
                    code, detail = "personal_attack", f"insult '{shown}' as the whole message"
                    score = 0.7
                elif "vulgar" in entry.flags:
                    code, detail, score = "profanity", f"obscene word '{shown}'", 0.8
                elif near := _target_near(stream, index, context):
                    # Said about people without a verb tying it to them ("hela styrelsen består
                    # av idioter"): a person decides; the low score holds it at most.
                    code = "personal_attack"
                    detail, score = f"insult '{shown}' near '{near}', perhaps aimed at them", 0.5
                else:
                    continue
            elif entry.kind == "profanity":
                code, detail = "profanity", f"profanity '{shown}'"
            elif entry.kind == "slur":
                code, detail = "hate_speech", f"slur '{shown}' against a group"
            else:
                code, detail = "sexual", f"sexual term '{shown}'"
            reasons.append(Reason(code, token.start, token.end, score, detail + note))
        return reasons


ABUSE_RULES = (
    AbusiveWordsRule(),
    PhraseRule("threats", "threat", "threat", "threat of violence"),
    PhraseRule("hate-phrases", "hate", "hate_speech", "hate speech against a group"),
    PhraseRule("incitement", "incitement", "crime_incitement", "incitement to crime"),
    PhraseRule("profane-phrases", "profanity_phrase", "profanity", "profane phrase"),
    PhraseRule("sexual-phrases", "sexual_phrase", "sexual", "sexual phrase"),
)
