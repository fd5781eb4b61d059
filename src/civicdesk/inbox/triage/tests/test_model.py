"""The learned second opinion on the category rules (`model.py`, I4)."""

import pytest

from civicdesk.inbox.triage import model as model_module
from civicdesk.inbox.triage.categories import Classifier
from civicdesk.inbox.triage.evaluate import load
from civicdesk.inbox.triage.model import (
    TRAINING_SET,
    Model,
    features,
    fit,
    folds_of,
    load_model,
    training_digest,
)


def test_committed_model_was_trained_on_the_committed_training_set():
    model = load_model()
    assert model is not None, "run `python -m civicdesk.inbox.triage.model train`"
    assert model.metadata["training_sha256"] == training_digest(), (
        "training_categories.jsonl changed: retrain the model"
    )
    assert set(model.classes) == {row["category"] for row in load(TRAINING_SET)}


def test_training_set_is_not_a_development_set():
    """The model learns where the rules fail on new text, so its data must be text the rules
    were never tuned on: no training item may also be in a development or the blind set."""
    from civicdesk.inbox.triage.evaluate import BLIND_SET, DEVELOPMENT_SETS

    training = {row["text"] for row in load(TRAINING_SET)}
    for path in (*DEVELOPMENT_SETS, BLIND_SET):
        shared = training & {row["text"] for row in load(path)}
        assert not shared, (path.name, sorted(shared)[:3])


def test_model_survives_its_file_format():
    model = load_model()
    again = Model.loads(model.dumps())
    found = Classifier(use_model=False).describe("Gatlampan utanför skolan är trasig", "sv")
    assert again.predict(found) == model.predict(found)
    assert again.scores(found) == pytest.approx(model.scores(found), abs=1e-4)


def test_a_file_of_another_format_version_is_refused():
    model = Model(("praise", "question"), {"words": {"tack": (1.0, -1.0)}}, (0.0, 0.0))
    blob = model.dumps()
    model_module_version = model_module.FORMAT_VERSION
    try:
        model_module.FORMAT_VERSION = model_module_version + 1
        with pytest.raises(ValueError, match="another version"):
            Model.loads(blob)
    finally:
        model_module.FORMAT_VERSION = model_module_version


def _toy_rows():
    rows, labels = [], []
    for word, label in (("tack", "praise"), ("varför", "question"), ("trasig", "fault_report")):
        for extra in ("a", "b", "c", "d", "e", "f"):
            rows.append(features(f"{word} {extra} {extra}x", "sv", (), "other"))
            labels.append(label)
    return rows, labels


def test_fit_learns_which_word_means_which_category():
    rows, labels = _toy_rows()
    model = fit(rows, labels, c=1.0)
    assert model.predict(features("tack så mycket", "sv", (), "other"))[0] == "praise"
    assert model.predict(features("varför då", "sv", (), "other"))[0] == "question"
    assert model.predict(features("lampan är trasig", "sv", (), "other"))[0] == "fault_report"


def test_folds_are_stratified_and_cover_every_row_once():
    labels = ["a"] * 10 + ["b"] * 5
    folds = folds_of(labels, 5)
    assert sorted(i for fold in folds for i in fold) == list(range(15))
    assert all(sum(labels[i] == "b" for i in fold) == 1 for fold in folds)


def test_the_rules_votes_are_features():
    found = Classifier(use_model=False).describe("Gatlampan på Storgatan är trasig", "sv")
    assert "d:fault_report" in found["rules"]
    assert "gatlampan" in found["words"]
    assert "gatl-" in found["affixes"] and "-ampan" not in found["affixes"]


class _Contrary:
    """A model that always disagrees with the rules' decision."""

    def predict(self, found, *, exclude=()):
        return ("praise", 0.5) if "d:praise" not in found["rules"] else ("question", 0.5)


def test_an_organisations_own_keyword_is_never_overridden(monkeypatch):
    # A pack word that decides stands even against a model that would say otherwise.
    classifier = Classifier({"political": ["badhusfrågan"]})
    monkeypatch.setattr(classifier, "model", _Contrary())
    result = classifier.classify("Hur går det med badhusfrågan?", language="sv")
    assert result.category == "political"
    assert result.rule == "pack:political:badhusfrågan"
    assert classifier.classify("Hur går det med simhallen?", language="sv").rule == "model"


def test_the_model_gives_no_removal_category_when_moderation_ran():
    # With a moderation verdict the removal categories are moderation's to decide (I2).
    classifier = Classifier()
    text = "Köp billiga klockor nu, 90% rabatt, skriv till mig!!"
    result = classifier.classify(text, language="sv", moderation={"action": "keep", "reasons": []})
    assert result.category not in {"offensive", "confidential", "spam"}


def test_an_override_explains_what_the_rules_said(monkeypatch):
    classifier = Classifier()
    monkeypatch.setattr(classifier, "model", _Contrary())
    result = classifier.classify("Gatlampan på Storgatan är trasig", language="sv")
    assert result.category == "praise"
    assert result.rule == "model"
    assert result.explanation.startswith("praise: learned model, ahead by 0.50, over the rules' ")
    assert result.explanation.endswith("(fault_report)")


def test_training_writes_a_model_that_records_its_data(tmp_path):
    lines = TRAINING_SET.read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "training.jsonl"
    subset.write_text("\n".join(lines[::8]) + "\n", encoding="utf-8")
    target = tmp_path / "categories.bin"
    trained = model_module.train_committed(subset, target)
    loaded = Model.loads(target.read_bytes())
    assert loaded.metadata["training_sha256"] == training_digest(subset)
    assert loaded.metadata["C"] in model_module.C_GRID
    assert loaded.classes == trained.classes
    load_model.cache_clear()  # the committed model again for the other tests


def test_a_pack_can_leave_the_category_to_the_rules_alone():
    from civicdesk.inbox.triage.categories import classifier_for

    assert classifier_for({"category_model": False}).model is None
    assert classifier_for({}).model is not None
