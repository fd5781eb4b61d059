"""Sensitive personal data (GDPR art. 9): health, religion, ethnicity, sexual orientation,
political opinion, union membership, when the text ties it to a person (I2, P2).

"Min son har autism" is sensitive data about a person; "kommunen satsar på autismvård" is not.
"""

from civicdesk.moderation.chain import Reason
from civicdesk.moderation.context import Context
from civicdesk.moderation.lexicon import SENSITIVE_SECTIONS
from civicdesk.moderation.phrases import phrase_matches, quote

PERSON_WINDOW = 6
CATEGORY_LABELS = {
    "health": "health information",
    "religion": "religious belief",
    "ethnicity": "ethnic origin",
    "sexual_orientation": "sexual orientation",
    "politics": "political opinion",
    "union": "trade-union membership",
}


class SensitiveDataRule:
    """See `chain.Rule`."""

    name = "sensitive-data"
    description = "GDPR art. 9 categories tied to a person (I2, P2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        reasons = []
        open_sections = context.open_sections
        for section in SENSITIVE_SECTIONS:
            if section not in open_sections:
                continue
            for first, last, start, end in phrase_matches(context, section):
                if self._about_a_person(context, first, last):
                    label = CATEGORY_LABELS[section]
                    detail = f"{label} about a person: '{quote(text[start:end])}'"
                    reasons.append(Reason("sensitive_data", start, end, 0.8, detail))
        return reasons

    @staticmethod
    def _about_a_person(context: Context, first: int, last: int) -> bool:
        stream, lexicon = context.stream, context.lexicon
        sentence = stream.tokens[first].sentence
        people = lexicon.person_ref | lexicon.second_person
        for index in range(max(0, first - PERSON_WINDOW), last + 1):
            token = stream.tokens[index]
            if token.sentence != sentence:
                continue
            if token.text in people:
                return True
            raw = stream.raw(token)
            if raw[:1].isupper() and not raw.isupper() and not token.first_in_sentence:
                return True  # a name: "... att Anna har cancer"
        return False
