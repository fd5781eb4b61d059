"""Built-in triage rules, one readable table per language (I4).

Each module holds `RULES: dict[category, tuple[pattern, ...]]` in the syntax of `patterns.py` and
`STOP_WORDS` for the language guess. Besides the contract's categories two helper keys exist:
`fault_object` (things the municipality maintains: a street light, a bin) and `fault_defect` (weak
signs of a fault: "dark", "a hole"). An object and a defect together make a fault report; strong
defect phrases ("fungerar inte", "kapot") are listed under `fault_report` directly.

The tables were written from general knowledge of how people write to municipalities before the
labelled set existed; later corrections are general (a missing inflection, a common phrase), never
a copy of a labelled sentence. An organisation extends them with `inbox.category_keywords`.

Issue 3 (the rules fitted the first labelled set, not new text) added shapes rather than phrases,
in the same way in every language, each block marked "generalisation":

- questions by structure: a finite verb first followed by a subject ("Tar ni emot …", "Weten
  jullie …"), besides question words and "?";
- faults as a maintained object plus a state, by stems (`*skylt*` + "blåst ner", `*kum*` + "lukt"),
  and negated repair verbs in either order ("inte plogat", "ikkje fungert", "haven't been emptied");
- sarcasm ("… eller inte", "oh great", "snacka om"), intensified criticism ("helt under pari",
  "otroligt dåligt"), "nobody listens" and long waits ("tre veckor utan svar") for negative;
- conditionals and wish stems for opinion ("vore", "hadde vært", "önsk*", "I'd love", "would … if");
- exclamations with a positive word ("Så himla bra …!", "Sikke et godt …") for praise;
- party names and roles, with `shared.party_word` for parties named with everyday words (Venstre,
  Høyre, Rødt) so that "til venstre" and "rødt lys" stay out;
- health, social-services and criminal details (admission, dementia, prison) for confidential.
"""

from civicdesk.inbox.triage.rules import da, en, nb, nl, nn, shared, sv

LANGUAGE_RULES = {
    "sv": sv.RULES,
    "nb": nb.RULES,
    "nn": nn.RULES,
    "da": da.RULES,
    "nl": nl.RULES,
    "en": en.RULES,
}
STOP_WORDS = {
    "sv": sv.STOP_WORDS,
    "nb": nb.STOP_WORDS,
    "nn": nn.STOP_WORDS,
    "da": da.STOP_WORDS,
    "nl": nl.STOP_WORDS,
    "en": en.STOP_WORDS,
}
SHARED_RULES = shared.RULES
HELPER_KEYS = ("fault_object", "fault_defect")
