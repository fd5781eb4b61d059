"""The DKhate classifier: reading the data, training, the committed model, the opt-in rule."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from civicdesk.moderation import classifier
from civicdesk.moderation.engine import DEFAULT_CHAIN, moderate

OFFENSIVE = ["Du er en klam idiot", "hold kæft din idiot", "sikke en idiot du er", "idiot og taber"]
HARMLESS = ["Tak for en dejlig dag", "Vejret er fint i dag", "Bussen kører igen", "Tak for svaret"]


def _rows():
    return [(text, True) for text in OFFENSIVE] * 3 + [(text, False) for text in HARMLESS] * 3


def test_reads_dkhate_with_quotes_inside_fields(tmp_path: Path):
    path = tmp_path / "dk.tsv"
    path.write_text(
        'id\ttweet\tsubtask_a\n1\tHan sagde "hej\tNOT\n2\tdu er "dum" idiot\tOFF\n'
        "3\tno label here\n4\ttom\t???\n",
        encoding="utf-8",
    )
    assert classifier.read_dkhate(path) == [('Han sagde "hej', False), ('du er "dum" idiot', True)]


def test_ngrams_are_padded_words():
    grams = classifier.ngrams("Hej du")
    assert grams[" hej "] == 1 and grams["h"] == 1 and grams[" "] == 4
    assert " hej du" not in grams  # never across words


def test_trained_model_separates_and_round_trips():
    model = classifier.train(_rows(), epochs=20)
    assert all(model.predict(text) for text in OFFENSIVE)
    assert not any(model.predict(text) for text in HARMLESS)
    again = classifier.Model.loads(model.dumps())
    for text in OFFENSIVE + HARMLESS:
        assert again.probability(text) == pytest.approx(model.probability(text), abs=1e-3)


def test_macro_f1():
    assert classifier.macro_f1([True, False], [True, False]) == 1.0
    assert classifier.macro_f1([True, True, False, False], [True, False, False, False]) == (
        pytest.approx((2 / 3 + 0.8) / 2)
    )


def test_cross_validation_scores_every_fold():
    scores = classifier.cross_validate(_rows() * 2, folds=3)
    assert len(scores) == 3 and all(0.0 <= s <= 1.0 for s in scores)


def test_committed_model_is_small_and_works():
    model = classifier.load_model()
    assert model is not None
    resource = Path(classifier.__file__).parent / classifier.MODEL_RESOURCE
    assert resource.stat().st_size < 3_000_000
    assert model.metadata["rows"] == 2960
    assert model.probability("Hold kæft, din fucking idiot") > model.probability(
        "Tak for en god dag på biblioteket"
    )


def test_rule_is_opt_in_and_only_holds():
    rule = classifier.AbuseClassifierRule(classifier.train(_rows(), epochs=20))
    assert not any(isinstance(r, classifier.AbuseClassifierRule) for r in DEFAULT_CHAIN)
    verdict = moderate("sikke en idiot du er", language="da", rules=(rule,))
    assert verdict["action"] == "hold"
    assert verdict["reasons"][0]["code"] == "profanity"
    assert moderate("Tak for en dejlig dag", language="da", rules=(rule,))["action"] == "keep"
    # Trained on Danish: not used for Dutch or Swedish text.
    assert moderate("sikke en idiot du er", language="nl", rules=(rule,))["action"] == "keep"


def test_train_command_writes_a_model(tmp_path: Path):
    data = tmp_path / "dk.tsv"
    lines = ["id\ttweet\tsubtask_a"] + [
        f"{n}\t{text}\t{'OFF' if label else 'NOT'}" for n, (text, label) in enumerate(_rows())
    ]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "model.bin"
    out = io.StringIO()
    call_command("moderation", "train", "--dkhate", str(data), "--output", str(output), stdout=out)
    assert "trained on 24 rows (12 offensive)" in out.getvalue()
    model = classifier.Model.loads(output.read_bytes())
    assert model.predict(OFFENSIVE[0]) and not model.predict(HARMLESS[0])
