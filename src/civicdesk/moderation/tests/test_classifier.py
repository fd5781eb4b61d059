"""The DKhate classifier: the solver, reading the data, training, the committed model, the rule."""

import io
import json
import random
import zlib
from pathlib import Path

import pytest
from django.core.management import call_command

from civicdesk.moderation import classifier, svm
from civicdesk.moderation.engine import DEFAULT_CHAIN, moderate

OFFENSIVE = ["Du er en klam idiot", "hold kæft din idiot", "sikke en idiot du er", "idiot og taber"]
HARMLESS = ["Tak for en dejlig dag", "Vejret er fint i dag", "Bussen kører igen", "Tak for svaret"]
# Clear cases the committed model must get right (not from DKhate).
CLEAR_ABUSE = [
    "Hold kæft, din fucking idiot",
    "Du er så dum, dit lorte svin",
    "Fuck dig din klamme luder",
    "Sikke en åndssvag idiot",
]
CLEAR_HARMLESS = [
    "Tak for en god dag på biblioteket",
    "Hvornår åbner svømmehallen igen efter ferien?",
    "Kommunen har sendt brevet til alle borgere i går.",
    "Hvor kan jeg søge om byggetilladelse?",
    "Jeg er uenig i beslutningen om at lukke skolen.",
    pytest.param(
        "Jeg glæder mig til koncerten i parken på lørdag.",
        # A known false alarm: "lørdag" is in 3 DKhate texts, one offensive, and the NB ratio
        # makes rare n-grams count. strict: the test says so when a retrained model fixes it.
        marks=pytest.mark.xfail(strict=True, reason="known false alarm of the DKhate model"),
    ),
]


def _rows():
    return [(text, True) for text in OFFENSIVE] * 3 + [(text, False) for text in HARMLESS] * 3


def _random_problem(seed: int, count: int = 40, dimension: int = 8):
    rng = random.Random(seed)
    vectors, labels = [], []
    for _ in range(count):
        indices = sorted(rng.sample(range(dimension), 4))
        values = [rng.uniform(-1, 1) for _ in indices]
        label = values[0] + 0.5 * rng.uniform(-1, 1) > 0
        vectors.append((indices, values))
        labels.append(label)
    return vectors, labels, dimension


class TestDualCoordinateDescent:
    def test_reaches_the_closed_form_optimum(self):
        # x = +1 (positive) and x = -1 (negative): ½w² + ½b² + C((1-w-b)² + (1-w+b)²) is
        # smallest at b = 0, w = 4C / (1 + 4C).
        vectors = [([0], [1.0]), ([0], [-1.0])]
        for c in (0.1, 1.0, 10.0):
            solution = svm.dual_cd_svm(
                vectors, [True, False], 1, [c, c], tolerance=1e-10, max_passes=10_000
            )
            assert solution.converged
            assert solution.weights[0] == pytest.approx(4 * c / (1 + 4 * c), abs=1e-6)
            assert solution.bias == pytest.approx(0.0, abs=1e-6)

    def test_agrees_with_liblinear(self):
        # scikit-learn 1.9 LinearSVC(C=0.5, class_weight="balanced", tol=1e-10) on these points:
        # coef [0.776747, 0.297725], intercept -0.217681 (liblinear, bias feature 1).
        points = [(1, 0), (0.5, 1), (0, 1), (-1, -0.5), (0.2, -1)]
        labels = [True, True, False, False, False]
        vectors = [([0, 1], [float(x), float(y)]) for x, y in points]
        costs = svm.balanced_costs(labels, 0.5)
        solution = svm.dual_cd_svm(vectors, labels, 2, costs, tolerance=1e-10)
        assert solution.weights == pytest.approx([0.776747, 0.297725], abs=1e-5)
        assert solution.bias == pytest.approx(-0.217681, abs=1e-5)

    def test_dual_objective_decreases_and_meets_the_primal(self):
        vectors, labels, dimension = _random_problem(3)
        costs = svm.balanced_costs(labels, 1.0)
        solution = svm.dual_cd_svm(
            vectors, labels, dimension, costs, tolerance=1e-8, trace=True, shrinking=False
        )
        objectives = solution.objectives
        assert len(objectives) > 3
        assert all(b <= a + 1e-12 for a, b in zip(objectives, objectives[1:], strict=False))
        primal = svm.primal_objective(solution.weights, solution.bias, vectors, labels, costs)
        assert primal == pytest.approx(-objectives[-1], rel=1e-6)

    def test_shrinking_finds_the_same_optimum(self):
        vectors, labels, dimension = _random_problem(5, count=80)
        costs = svm.balanced_costs(labels, 0.5)
        kept = svm.dual_cd_svm(vectors, labels, dimension, costs, tolerance=1e-8)
        plain = svm.dual_cd_svm(vectors, labels, dimension, costs, tolerance=1e-8, shrinking=False)
        assert kept.weights == pytest.approx(plain.weights, abs=1e-5)
        assert kept.bias == pytest.approx(plain.bias, abs=1e-5)

    def test_training_is_deterministic(self):
        vectors, labels, dimension = _random_problem(7)
        costs = svm.balanced_costs(labels, 1.0)
        first = svm.dual_cd_svm(vectors, labels, dimension, costs, seed=1)
        again = svm.dual_cd_svm(vectors, labels, dimension, costs, seed=1)
        assert first.weights == again.weights and first.passes == again.passes

    def test_balanced_costs_weigh_both_classes_equally(self):
        costs = svm.balanced_costs([True, False, False, False], 2.0)
        assert costs == [4.0, 4 / 3, 4 / 3, 4 / 3]
        assert costs[0] == pytest.approx(sum(costs[1:]))


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


def test_words_are_folded_unigrams_and_bigrams():
    assert classifier.words("Hold kæft, din idiot! Idiot") == {
        "hold": 1, "kaft": 1, "din": 1, "idiot": 2,
        "hold kaft": 1, "kaft din": 1, "din idiot": 1, "idiot idiot": 1,
    }  # fmt: skip


def test_trained_model_separates_and_round_trips():
    model = classifier.train(_rows(), c=1.0, threshold=0.0)
    assert all(model.predict(text) for text in OFFENSIVE)
    assert not any(model.predict(text) for text in HARMLESS)
    again = classifier.Model.loads(model.dumps())
    for text in OFFENSIVE + HARMLESS:
        assert again.decision(text) == pytest.approx(model.decision(text), abs=1e-3)


def test_model_matches_the_training_vectors():
    """The stored table (NB ratio and block weight folded in) scores like the solver's vectors."""
    rows = _rows()
    counted = [classifier.count_features(text) for text, _label in rows]
    design = classifier._design(counted, [label for _text, label in rows])
    solution = classifier._fit(design, 1.0, 0)
    model = classifier.train(rows, c=1.0, threshold=0.0)
    for (indices, values), (text, _label) in zip(design.vectors, rows, strict=True):
        expected = sum(solution.weights[i] * v for i, v in zip(indices, values, strict=True))
        assert model.decision(text) == pytest.approx(expected + solution.bias, abs=1e-4)


def test_inner_tuning_chooses_from_the_grid():
    model = classifier.train(_rows() * 2)
    assert model.metadata["C"] in classifier.C_GRID
    assert model.threshold in classifier.THRESHOLD_GRID


def test_macro_f1():
    assert classifier.macro_f1([True, False], [True, False]) == 1.0
    assert classifier.macro_f1([True, True, False, False], [True, False, False, False]) == (
        pytest.approx((2 / 3 + 0.8) / 2)
    )


def test_stratified_folds_keep_the_class_balance():
    labels = [True] * 10 + [False] * 20
    folds = classifier.stratified_folds(labels, 5)
    assert sorted(i for fold in folds for i in fold) == list(range(30))
    assert all(sum(labels[i] for i in fold) == 2 and len(fold) == 6 for fold in folds)


def test_cross_validation_scores_every_fold():
    results = classifier.cross_validate(_rows() * 2, folds=3)
    assert len(results) == 3 and all(0.0 <= r.macro_f1 <= 1.0 for r in results)


class TestCommittedModel:
    def test_loads_with_the_current_format(self):
        resource = Path(classifier.__file__).parent / classifier.MODEL_RESOURCE
        data = json.loads(zlib.decompress(resource.read_bytes()))
        assert data["version"] == classifier.FORMAT_VERSION
        assert resource.stat().st_size < 3_000_000
        model = classifier.load_model()
        assert model is not None and model.metadata["rows"] == 2960

    def test_other_versions_are_refused(self):
        blob = json.dumps({"version": classifier.FORMAT_VERSION - 1}).encode()
        with pytest.raises(ValueError, match="another version"):
            classifier.Model.loads(zlib.compress(blob))

    @pytest.mark.parametrize("text", CLEAR_ABUSE)
    def test_flags_clear_danish_abuse(self, text):
        assert classifier.load_model().predict(text)

    @pytest.mark.parametrize("text", CLEAR_HARMLESS)
    def test_keeps_clear_non_abuse(self, text):
        assert not classifier.load_model().predict(text)


def test_rule_is_opt_in_and_only_holds():
    rule = classifier.AbuseClassifierRule(classifier.train(_rows(), c=1.0, threshold=0.0))
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
    assert "trained on 24 rows (12 offensive, 0 from --extra)" in out.getvalue()
    model = classifier.Model.loads(output.read_bytes())
    assert model.predict(OFFENSIVE[0]) and not model.predict(HARMLESS[0])
