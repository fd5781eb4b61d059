"""A learned second opinion on the category rules (I4): which category, given what the rules saw.

The hand-written rules (`categories.py`) score 1.0 on the sets they were tuned on and about 0.78 on
text nobody tuned them on (`data/README.md`). This model is trained on items the rules were never
tuned on (`data/training_categories.jsonl`), so what it learns is where the rules go wrong on new
text: it reads the rules' votes and decision as features next to the text's own words, and
overrides the decision when the words say otherwise. Training it on the development sets would
teach it only that the rules are right (they score 1.0 there).

Features, binary, each block scaled to unit length:

- `rules`: the rules' decision (`d:question`) and every category or helper key they voted for
  (`v:fault_object`), the transparent part the organisation's pack can extend;
- `words`: the lower-cased words and adjacent word pairs;
- `affixes`: the first and last four letters of longer words, the stems and endings of the
  Nordic compounds ("gatubelysningen": "gatu", "ngen") that words alone never repeat;
- `marks`: a question mark, an exclamation mark, an @-mention, a link, digits, an emoji-only text,
  and the language.

One L2-regularised squared-hinge linear SVM per category against the rest (`moderation.svm`, the
liblinear solver), with balanced class weights and C chosen by an inner cross-validation of the
training rows; the category with the highest score wins. Prediction is a dict lookup per feature
and a column sum: plain Python, no download, a committed file of a few hundred kilobytes
(`trained/categories.bin`, zlib-compressed JSON) that records the SHA-256 of the data it was
trained on, so a test notices when the data changed and the model was not retrained.

`civicdesk categories train` retrains it; `civicdesk categories cv` prints the cross-validated
accuracy of the rules alone and of rules plus model on the training set.
"""

from __future__ import annotations

import json
import math
import random
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from civicdesk.moderation.svm import balanced_costs, dual_cd_svm
from civicdesk.policy.schema import CATEGORIES
from civicdesk.records.archive.checksums import file_checksum

FORMAT_VERSION = 1
MODEL_RESOURCE = "trained/categories.bin"
TRAINING_SET = Path(__file__).resolve().parent / "data" / "training_categories.jsonl"
BLOCKS = ("rules", "words", "affixes", "marks")
AFFIX = 4
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
INNER_FOLDS = 4
# A word or word pair seen in one training item only is left out: it names that item's place or
# person more often than its category. Affixes, marks and rule votes are few and all kept.
MIN_DF = 2

_WORD = re.compile(r"[^\W\d_]+|\d+")
_LINK = re.compile(r"https?://|www\.|\.(?:com|se|no|dk|nl|org|net)\b")
_MENTION = re.compile(r"(?<!\w)@\w")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def features(lowered: str, language: str | None, votes: Iterable[str], decided: str) -> dict:
    """Block -> set of feature strings, for text that went through `normalise_text`."""
    words = _WORD.findall(lowered)
    word_features = set(words)
    word_features.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    affixes = set()
    for word in words:
        if len(word) > AFFIX + 1 and not word.isdigit():
            affixes.add(word[:AFFIX] + "-")
            affixes.add("-" + word[-AFFIX:])
    marks = {f"lang:{language or '?'}"}
    if "?" in lowered:
        marks.add("?")
    if "!" in lowered:
        marks.add("!")
    if _MENTION.search(lowered):
        marks.add("@")
    if _LINK.search(lowered):
        marks.add("link")
    if any(word.isdigit() for word in words):
        marks.add("digits")
    if not _LETTER_OR_DIGIT.search(lowered):
        marks.add("no-words")
    if len(words) <= 3:
        marks.add("short")
    rules = {f"d:{decided}", *(f"v:{key}" for key in votes)}
    return {"rules": rules, "words": word_features, "affixes": affixes, "marks": marks}


@dataclass
class Model:
    """Per block, feature -> one weight per class; a bias per class."""

    classes: tuple[str, ...]
    blocks: dict[str, dict[str, tuple[float, ...]]]
    bias: tuple[float, ...]
    metadata: dict = field(default_factory=dict)

    def scores(self, found: dict[str, set[str]]) -> list[float]:
        totals = list(self.bias)
        for name, table in self.blocks.items():
            present = found.get(name)
            if not present:
                continue
            rows = list(filter(None, map(table.get, present)))  # the known features' rows
            if rows:
                # Unit length over every feature of the block, known or not, as in training.
                scale = 1.0 / math.sqrt(len(present))
                columns = map(sum, zip(*rows, strict=True))
                totals = [t + scale * s for t, s in zip(totals, columns, strict=True)]
        return totals

    def predict(
        self, found: dict[str, set[str]], *, exclude: Iterable[str] = ()
    ) -> tuple[str, float]:
        """The best category not in `exclude`, and its lead over the runner-up."""
        ranked = sorted(
            (
                (score, category)
                for score, category in zip(self.scores(found), self.classes, strict=True)
                if category not in exclude
            ),
            reverse=True,
        )
        best_score, best = ranked[0]
        lead = best_score - ranked[1][0] if len(ranked) > 1 else math.inf
        return best, lead

    def dumps(self) -> bytes:
        data = {
            "version": FORMAT_VERSION,
            "classes": list(self.classes),
            "bias": [round(b, 6) for b in self.bias],
            "metadata": self.metadata,
            # Five decimals change no prediction and keep the file small.
            "blocks": {
                name: {f: [round(w, 5) for w in row] for f, row in sorted(table.items())}
                for name, table in self.blocks.items()
            },
        }
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return zlib.compress(text.encode("utf-8"), 9)

    @classmethod
    def loads(cls, blob: bytes) -> Model:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        if data.get("version") != FORMAT_VERSION:
            raise ValueError("category model file was written by another version of the model")
        blocks = {
            name: {f: tuple(row) for f, row in table.items()}
            for name, table in data["blocks"].items()
        }
        return cls(tuple(data["classes"]), blocks, tuple(data["bias"]), data["metadata"])


# -- training ------------------------------------------------------------------------------------


def _vocabulary(rows: Sequence[dict[str, set[str]]]) -> dict[tuple[str, str], int]:
    frequency: dict[tuple[str, str], int] = {}
    for found in rows:
        for name in BLOCKS:
            for feature in found[name]:
                key = (name, feature)
                frequency[key] = frequency.get(key, 0) + 1
    kept = sorted(key for key, count in frequency.items() if count >= MIN_DF or key[0] != "words")
    return {key: index for index, key in enumerate(kept)}


def _vector(found: dict[str, set[str]], vocabulary: dict) -> tuple[list[int], list[float]]:
    indices, values = [], []
    for name in BLOCKS:
        present = found[name]
        if not present:
            continue
        scale = 1.0 / math.sqrt(len(present))
        for feature in present:
            index = vocabulary.get((name, feature))
            if index is not None:
                indices.append(index)
                values.append(scale)
    return indices, values


def fit(
    rows: Sequence[dict[str, set[str]]], labels: Sequence[str], c: float, *, seed: int = 0
) -> Model:
    """One SVM per category present in `labels`, against the rest, with balanced class weights."""
    vocabulary = _vocabulary(rows)
    vectors = [_vector(found, vocabulary) for found in rows]
    classes = tuple(category for category in CATEGORIES if category in set(labels))
    weights, biases = [], []
    for category in classes:
        positive = [label == category for label in labels]
        solution = dual_cd_svm(
            vectors, positive, len(vocabulary), balanced_costs(positive, c), seed=seed
        )
        weights.append(solution.weights)
        biases.append(solution.bias)
    blocks: dict[str, dict[str, tuple[float, ...]]] = {name: {} for name in BLOCKS}
    for (name, feature), index in vocabulary.items():
        row = tuple(column[index] for column in weights)
        if any(abs(w) >= 5e-6 for w in row):
            blocks[name][feature] = row
    return Model(classes, blocks, tuple(biases), {"C": c})


def folds_of(labels: Sequence[str], folds: int, *, seed: int = 0) -> list[list[int]]:
    """Stratified folds: each category's rows dealt round-robin after a seeded shuffle."""
    by_label: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, []).append(index)
    rng = random.Random(seed)  # noqa: S311 - fold assignment, not secrets
    result: list[list[int]] = [[] for _ in range(folds)]
    position = 0
    for label in sorted(by_label):
        members = by_label[label]
        rng.shuffle(members)
        for index in members:
            result[position % folds].append(index)
            position += 1
    return result


def choose_c(rows, labels, *, folds: int = INNER_FOLDS) -> float:
    """The C of `C_GRID` with the best accuracy in an inner cross-validation of these rows."""
    parts = folds_of(labels, folds, seed=1)
    best, best_accuracy = C_GRID[0], -1.0
    for c in C_GRID:
        hits = 0
        for held in parts:
            held_set = set(held)
            train_ix = [i for i in range(len(labels)) if i not in held_set]
            model = fit([rows[i] for i in train_ix], [labels[i] for i in train_ix], c)
            hits += sum(model.predict(rows[i])[0] == labels[i] for i in held)
        accuracy = hits / len(labels)
        if accuracy > best_accuracy:
            best, best_accuracy = c, accuracy
    return best


def train(rows, labels, *, metadata: dict | None = None) -> Model:
    c = choose_c(rows, labels)
    model = fit(rows, labels, c)
    model.metadata.update(metadata or {})
    return model


def training_digest(path: Path = TRAINING_SET) -> str:
    return file_checksum(path, "SHA-256")


@cache
def load_model() -> Model | None:
    """The committed model, or None when it has not been trained."""
    resource = resources.files("civicdesk.inbox.triage").joinpath(MODEL_RESOURCE)
    if not resource.is_file():
        return None
    return Model.loads(resource.read_bytes())


def committed_path() -> Path:
    return Path(__file__).resolve().parent / MODEL_RESOURCE


def training_rows(path: Path = TRAINING_SET) -> tuple[list[dict[str, set[str]]], list[str]]:
    """The training set's features (rules' votes included) and labels."""
    from civicdesk.inbox.triage.categories import Classifier
    from civicdesk.inbox.triage.evaluate import load

    describe = Classifier(use_model=False).describe
    items = load(path)
    return [describe(item["text"], item["language"]) for item in items], [
        item["category"] for item in items
    ]


def train_committed(path: Path = TRAINING_SET, target: Path | None = None) -> Model:
    """Train on the training set and write the model file the classifier loads."""
    rows, labels = training_rows(path)
    model = train(rows, labels, metadata={"training_sha256": training_digest(path)})
    target = target or committed_path()
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(model.dumps())
    load_model.cache_clear()
    return model


def cross_validated(path: Path = TRAINING_SET, folds: int = 5) -> tuple[float, float, int]:
    """Accuracy of the rules alone and of rules plus model, by `folds`-fold cross-validation of
    the training set (C chosen inside each training part)."""
    rows, labels = training_rows(path)
    rule_hits = model_hits = 0
    for held in folds_of(labels, folds):
        held_set = set(held)
        kept = [i for i in range(len(labels)) if i not in held_set]
        model = train([rows[i] for i in kept], [labels[i] for i in kept])
        for i in held:
            model_hits += model.predict(rows[i])[0] == labels[i]
            rule_hits += f"d:{labels[i]}" in rows[i]["rules"]
    return rule_hits / len(labels), model_hits / len(labels), len(labels)
