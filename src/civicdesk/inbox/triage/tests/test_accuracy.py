"""Category accuracy on the labelled sets (issue 3: target ≥ 0.9 on new text).

All three sets are development data: the rules were tuned on each (see `data/README.md`), so
these tests guard the rules alone against regressions; they do not measure new text.

- `labelled_categories.jsonl` (420 items): the first development set.
- `heldout_categories.jsonl` (90 items): the second development set. Written as a held-out set
  (0.789 before tuning), used for tuning from 2026-11-22; the file keeps its old name.
- `fresh_categories.jsonl` (144 items): the third development set, written in three batches
  during issue 3; each scored about 0.78 when measured before fixing (0.767, 0.792, 0.778), then
  was tuned on.

The figure for new text is the blind set (`blind_categories.jsonl`, 240 items written without
seeing the rules, never tuned on): 0.787 for the rules alone when committed (0.717 with the rules
before issue 3's generalisation), and 0.904 for the rules with the learned model (`model.py`,
trained on `training_categories.jsonl`, which the rules were never tuned on), measured once when
the model was committed. Its tests are floors against regressions, not goals to tune to.
"""

from civicdesk.inbox.triage.evaluate import (
    BLIND_SET,
    DEVELOPMENT_SET,
    SECOND_DEVELOPMENT_SET,
    THIRD_DEVELOPMENT_SET,
    load,
    run,
)

LANGUAGES = {"sv", "nb", "nn", "da", "nl", "en"}


class TestLabelledSet:
    def test_development_set_has_every_language_and_category(self):
        rows = load(DEVELOPMENT_SET)
        assert len(rows) >= 300
        assert {row["language"] for row in rows} == LANGUAGES
        assert all(sum(r["language"] == lang for r in rows) >= 50 for lang in LANGUAGES)
        assert len({row["category"] for row in rows}) == 10

    def test_overall_accuracy_is_at_least_ninety_five_percent(self):
        assert run(DEVELOPMENT_SET, use_model=False).overall >= 0.95

    def test_every_language_reaches_ninety_percent(self):
        per_language = run(DEVELOPMENT_SET, use_model=False).per_language
        assert set(per_language) == LANGUAGES
        assert min(per_language.values()) >= 0.9, per_language

    def test_guessing_the_language_costs_little(self):
        assert run(DEVELOPMENT_SET, guess_language=True, use_model=False).overall >= 0.9


class TestLaterDevelopmentSets:
    def test_sets_cover_every_language(self):
        for path in (SECOND_DEVELOPMENT_SET, THIRD_DEVELOPMENT_SET):
            assert {row["language"] for row in load(path)} == LANGUAGES, path

    def test_second_development_set_stays_tuned(self):
        # 0.789 before it was tuned on; a floor against regressions, not an estimate.
        report = run(SECOND_DEVELOPMENT_SET, use_model=False)
        assert report.overall >= 0.95, report.per_language

    def test_third_development_set_stays_tuned(self):
        # About 0.78 per batch before fixing; a floor against regressions, not an estimate.
        report = run(THIRD_DEVELOPMENT_SET, use_model=False)
        assert report.overall >= 0.95, report.per_language


class TestBlindSet:
    def test_blind_set_covers_every_language_and_category(self):
        rows = load(BLIND_SET)
        assert len(rows) == 240
        assert {row["language"] for row in rows} == LANGUAGES
        assert len({row["category"] for row in rows}) == 10

    def test_blind_accuracy_of_the_rules_alone_does_not_regress(self):
        # 0.787 when the set was committed. A floor, not a goal to tune to.
        report = run(BLIND_SET, use_model=False)
        assert report.overall >= 0.76, report.per_language

    def test_blind_accuracy_with_the_model_does_not_regress(self):
        # 0.904 with the language given or guessed (0.887 guessed before the language guess
        # learned word evidence); the target is 0.9. Floors against regressions, not goals.
        assert run(BLIND_SET).overall >= 0.88
        assert run(BLIND_SET, guess_language=True).overall >= 0.88

    def test_the_model_does_better_than_the_rules_alone_on_new_text(self):
        with_model = run(BLIND_SET).per_language
        rules_alone = run(BLIND_SET, use_model=False).per_language
        assert all(with_model[lang] >= rules_alone[lang] for lang in LANGUAGES), with_model
