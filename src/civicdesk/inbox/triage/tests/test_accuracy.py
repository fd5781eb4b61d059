"""Category accuracy on the labelled sets (issue 3: target ≥ 0.9 per language).

`labelled_categories.jsonl` (420 items) is the development set: the rules were written first,
the set after, and misses were then fixed with general rules (inflections, compounds, idioms),
never by copying a labelled sentence. `heldout_categories.jsonl` (90 items) was written after the
last fix and was not tuned on; it shows what new text gets (about 0.79 when written).
"""

from civicdesk.inbox.triage.evaluate import DEVELOPMENT_SET, HELDOUT_SET, load, run

LANGUAGES = {"sv", "nb", "nn", "da", "nl", "en"}


class TestLabelledSet:
    def test_development_set_has_every_language_and_category(self):
        rows = load(DEVELOPMENT_SET)
        assert len(rows) >= 300
        assert {row["language"] for row in rows} == LANGUAGES
        assert all(sum(r["language"] == lang for r in rows) >= 50 for lang in LANGUAGES)
        assert len({row["category"] for row in rows}) == 10

    def test_overall_accuracy_is_at_least_ninety_percent(self):
        assert run(DEVELOPMENT_SET).overall >= 0.9

    def test_every_language_reaches_eighty_five_percent(self):
        per_language = run(DEVELOPMENT_SET).per_language
        assert set(per_language) == LANGUAGES
        assert min(per_language.values()) >= 0.85, per_language

    def test_guessing_the_language_costs_little(self):
        assert run(DEVELOPMENT_SET, guess_language=True).overall >= 0.9


class TestHeldOutSet:
    def test_held_out_accuracy_does_not_regress(self):
        # A floor, not the target: measured 0.789 overall when the set was written.
        report = run(HELDOUT_SET)
        assert report.overall >= 0.75, report.per_language
