"""A compact abuse classifier: character n-grams, TF-IDF and logistic regression (I2).

Trained by `civicdesk moderation train` from the Danish DKhate data (`../shared/data/moderation/
dkhate`, read with `csv.QUOTE_NONE`) and committed as `trained/abuse_da.bin` (zlib-compressed
JSON). Training, cross-validation and prediction are plain Python: nothing to install and no
download at run time.

Features are the character n-grams (1 to 5 characters) of each folded word padded with a space on
both sides, the way scikit-learn's `char_wb` analyser reads text, weighted by sublinear TF-IDF and
scaled to unit length; the model keeps the n-grams seen in at least two training texts. The
classifier is logistic regression with L2 regularisation and balanced class weights, trained by
stochastic gradient descent with AdaGrad steps. It is an opt-in rule (`AbuseClassifierRule`):
at roughly 0.1 ms a comment it would take the chain below its 20,000 comments/s target.
"""

import csv
import json
import math
import random
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from civicdesk.moderation.chain import Reason
from civicdesk.moderation.context import Context
from civicdesk.moderation.normalise import fold

MODEL_RESOURCE = "trained/abuse_da.bin"
MIN_N, MAX_N = 1, 5
MIN_DF = 2
FORMAT_VERSION = 1


def ngrams(text: str) -> Counter:
    """Character n-grams of every folded, lower-cased word, padded with a space each side."""
    counts: Counter = Counter()
    for word in fold(text.lower()).split():
        padded = f" {word} "
        length = len(padded)
        for n in range(MIN_N, MAX_N + 1):
            if n > length:
                break
            for start in range(length - n + 1):
                counts[padded[start : start + n]] += 1
    return counts


def read_dkhate(path: Path) -> list[tuple[str, bool]]:
    """(text, is_offensive) rows of an OffensEval/DKhate TSV file (id, tweet, subtask_a).

    Quotes inside the fields are text, so the file is read with `csv.QUOTE_NONE`; rows with the
    wrong number of fields or an unknown label are skipped.
    """
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return rows
        for row in reader:
            if len(row) == 3 and row[2] in ("OFF", "NOT") and row[1].strip():
                rows.append((row[1], row[2] == "OFF"))
    return rows


@dataclass
class Model:
    """N-gram -> (idf, weight), a bias and a decision threshold on the probability."""

    features: dict[str, tuple[float, float]]
    bias: float
    threshold: float = 0.5
    metadata: dict | None = None

    def probability(self, text: str) -> float:
        """P(offensive) for one text."""
        features = self.features
        norm, score = 0.0, 0.0
        for gram, count in ngrams(text).items():
            known = features.get(gram)
            if known is None:
                continue
            value = (1.0 + math.log(count)) * known[0]
            norm += value * value
            score += value * known[1]
        if norm:
            score /= math.sqrt(norm)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score + self.bias))))

    def predict(self, text: str) -> bool:
        return self.probability(text) >= self.threshold

    def dumps(self) -> bytes:
        data = {
            "version": FORMAT_VERSION,
            "ngram_range": [MIN_N, MAX_N],
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
            "metadata": self.metadata or {},
            # Rounded: four significant digits change no prediction and halve the file.
            "features": {g: [round(i, 4), round(w, 5)] for g, (i, w) in self.features.items()},
        }
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return zlib.compress(text.encode("utf-8"), 9)

    @classmethod
    def loads(cls, blob: bytes) -> "Model":
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        if data.get("version") != FORMAT_VERSION or data.get("ngram_range") != [MIN_N, MAX_N]:
            raise ValueError("model file was written by another version of the classifier")
        features = {gram: (idf, weight) for gram, (idf, weight) in data["features"].items()}
        return cls(features, data["bias"], data["threshold"], data.get("metadata") or {})


def train(
    rows: list[tuple[str, bool]],
    *,
    epochs: int = 12,
    regularisation: float = 1e-3,
    learning_rate: float = 0.5,
    seed: int = 0,
) -> Model:
    """Fit the vocabulary, IDF and a balanced logistic regression on (text, label) rows."""
    counted = [(ngrams(text), label) for text, label in rows]
    document_frequency: Counter = Counter()
    for counts, _label in counted:
        document_frequency.update(counts.keys())
    documents = len(counted)
    vocabulary = sorted(g for g, df in document_frequency.items() if df >= MIN_DF)
    index = {gram: position for position, gram in enumerate(vocabulary)}
    idf = [math.log((1 + documents) / (1 + document_frequency[g])) + 1.0 for g in vocabulary]
    vectors = []
    for counts, label in counted:
        pairs = [
            (index[g], (1.0 + math.log(c)) * idf[index[g]]) for g, c in counts.items() if g in index
        ]
        norm = math.sqrt(sum(v * v for _, v in pairs)) or 1.0
        vectors.append(([i for i, _ in pairs], [v / norm for _, v in pairs], label))
    positives = sum(1 for *_, label in vectors if label)
    negatives = documents - positives
    # Balanced class weights: each class counts as much as the other in the loss.
    class_weight = {
        True: documents / (2 * positives) if positives else 1.0,
        False: documents / (2 * negatives) if negatives else 1.0,
    }
    weights = [0.0] * len(vocabulary)
    squares = [1e-8] * len(vocabulary)
    bias, bias_square = 0.0, 1e-8
    rng = random.Random(seed)  # noqa: S311 - shuffling training data, not secrets
    order = list(range(documents))
    for _epoch in range(epochs):
        rng.shuffle(order)
        for position in order:
            indices, values, label = vectors[position]
            score = bias
            for i, v in zip(indices, values, strict=True):
                score += weights[i] * v
            probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
            error = (probability - (1.0 if label else 0.0)) * class_weight[label]
            for i, v in zip(indices, values, strict=True):
                gradient = error * v + regularisation * weights[i]
                squares[i] += gradient * gradient
                weights[i] -= learning_rate * gradient / math.sqrt(squares[i])
            bias_square += error * error
            bias -= learning_rate * error / math.sqrt(bias_square)
    features = {
        gram: (idf[position], weights[position])
        for position, gram in enumerate(vocabulary)
        if abs(weights[position]) >= 1e-5
    }
    return Model(features, bias)


def macro_f1(expected: list[bool], predicted: list[bool]) -> float:
    """The mean of the F1 scores of both classes (the DKhate/OffensEval measure)."""
    scores = []
    for positive in (True, False):
        tp = sum(1 for e, p in zip(expected, predicted, strict=True) if e == p == positive)
        fp = sum(1 for e, p in zip(expected, predicted, strict=True) if p == positive != e)
        fn = sum(1 for e, p in zip(expected, predicted, strict=True) if e == positive != p)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def cross_validate(rows: list[tuple[str, bool]], *, folds: int = 5, seed: int = 0) -> list[float]:
    """Macro-F1 of each of `folds` stratified folds (train on the rest, test on the fold)."""
    rng = random.Random(seed)  # noqa: S311 - splitting data, not secrets
    buckets: list[list[int]] = [[] for _ in range(folds)]
    for label in (True, False):
        members = [i for i, (_text, value) in enumerate(rows) if value == label]
        rng.shuffle(members)
        for position, member in enumerate(members):
            buckets[position % folds].append(member)
    scores = []
    for held_out in buckets:
        held = set(held_out)
        model = train([row for i, row in enumerate(rows) if i not in held], seed=seed)
        expected = [rows[i][1] for i in held_out]
        predicted = [model.predict(rows[i][0]) for i in held_out]
        scores.append(macro_f1(expected, predicted))
    return scores


@cache
def load_model() -> Model | None:
    """The committed model, or None when it has not been trained."""
    resource = resources.files("civicdesk.moderation").joinpath(MODEL_RESOURCE)
    if not resource.is_file():
        return None
    return Model.loads(resource.read_bytes())


CLASSIFIER_LANGUAGES = frozenset({"da", "nb", "nn"})  # trained on Danish; bokmål is close


class AbuseClassifierRule:
    """Offensive language by the DKhate classifier, for Danish and Norwegian text. Opt-in:
    `moderate(text, rules=(*DEFAULT_CHAIN, AbuseClassifierRule()))`. See `chain.Rule`."""

    name = "abuse-classifier"
    description = "Offensive language, by a classifier trained on Danish comments (I2)."
    score = 0.55  # a statistical guess: below chain.LOW_CONFIDENCE, so at most `hold`

    def __init__(self, model: Model | None = None):
        self._model = model

    def check(self, text: str, context: Context) -> list[Reason]:
        if not CLASSIFIER_LANGUAGES.intersection(context.languages):
            return []
        model = self._model or load_model()
        if model is None:
            return []
        probability = model.probability(text)
        if probability < model.threshold:
            return []
        detail = f"offensive language by the Danish classifier (p = {probability:.2f})"
        return [Reason("profanity", 0, len(text), self.score, detail)]
