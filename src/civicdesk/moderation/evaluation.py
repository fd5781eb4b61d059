"""Figures for `civicdesk moderation evaluate` and `make bench` (I2, P2).

1. Personal data: valid numbers of every kind, generated and embedded in sentences, against
   numbers of the same shapes whose check digit (or, for the CPR number, date) is wrong.
2. Abuse: precision and recall per language on the labelled sets in `data/labelled_*.tsv`,
   written for this project (hard negatives included: Scunthorpe words, criticism, news), and on
   the blind sets `data/blind_*.tsv`, written without seeing the lexicons and never tuned on.
3. Throughput of the whole chain on 200-character comments, one core.
4. The DKhate classifier: nested, stratified 5-fold cross-validated macro-F1, and its speed.
"""

import datetime
import random
import time
from dataclasses import dataclass
from importlib import resources

from stdnum import iban, luhn
from stdnum.no import fodselsnummer

from civicdesk.moderation import classifier
from civicdesk.moderation.engine import moderate
from civicdesk.moderation.policy import compile_policy
from civicdesk.policy.schema import ABUSE_REASON_CODES

PERSONAL_CODES = frozenset({"personal_id_number", "bank_account"})
LABELLED_LANGUAGES = {"sv": "sv", "no": "nb", "nl": "nl"}
# The languages of the development sets (`data/dev_*.tsv`, `dev2_*.tsv`, tuned on) and of the
# blind sets (`data/blind_*.tsv`): written by colleagues who never saw the lexicons, never tuned
# on, the figures for comments the lexicons were not fitted to.
SET_LANGUAGES = ("sv", "no", "nl", "da", "en")
COMMENT_LENGTH = 200


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0

    def add(self, expected: bool, predicted: bool) -> None:
        if expected and predicted:
            self.true_positive += 1
        elif predicted:
            self.false_positive += 1
        elif expected:
            self.false_negative += 1
        else:
            self.true_negative += 1

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        relevant = self.true_positive + self.false_negative
        return self.true_positive / relevant if relevant else 1.0

    @property
    def total(self) -> int:
        return self.true_positive + self.false_positive + self.false_negative + self.true_negative


# -- generated personal data ---------------------------------------------------------------


def _birth_date(rng: random.Random) -> datetime.date:
    return datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 90))


def _wrong_last_digit(number: str, rng: random.Random) -> str:
    last = int(number[-1])
    return number[:-1] + str((last + rng.randrange(1, 10)) % 10)


def se_number(rng: random.Random, *, coordination: bool = False) -> tuple[str, str]:
    born = _birth_date(rng)
    day = born.day + (60 if coordination else 0)
    body = f"{born:%y%m}{day:02d}{rng.randrange(1000):03d}"
    valid = body + luhn.calc_check_digit(body)
    if rng.random() < 0.5:
        return f"{born.year // 100}{valid[:6]}-{valid[6:]}", valid[-1]
    return f"{valid[:6]}-{valid[6:]}", valid[-1]


def no_number(rng: random.Random, *, d_number: bool = False) -> str:
    while True:
        born = _birth_date(rng)
        day = born.day + (40 if d_number else 0)
        # Individual numbers 000-499 are for those born 1900-1999; 500-999 for 2000-2039.
        individual = rng.randrange(0, 500) if born.year < 2000 else rng.randrange(500, 1000)
        body = f"{day:02d}{born:%m%y}{individual:03d}"
        first = fodselsnummer.calc_check_digit1(body)
        if len(first) != 1:
            continue
        second = fodselsnummer.calc_check_digit2(body + first)
        if len(second) == 1 and fodselsnummer.is_valid(body + first + second):
            return body + first + second


def bsn_number(rng: random.Random) -> str:
    while True:
        body = f"{rng.randrange(10_000_000, 99_999_999):08d}"
        check = (
            sum(int(digit) * weight for digit, weight in zip(body, range(9, 1, -1), strict=True))
            % 11
        )
        if check < 10:
            return body + str(check)


def cpr_number(rng: random.Random, *, valid_date: bool = True) -> str:
    born = _birth_date(rng)
    # The first serial digit gives the century: 0-3 for 1900-1999, 4 or 9 for 2000-2036.
    century_digit = rng.randrange(4) if born.year < 2000 else rng.choice((4, 9))
    serial = f"{century_digit}{rng.randrange(1000):03d}"
    if valid_date:
        return f"{born:%d%m%y}-{serial}"
    return f"{rng.randrange(32, 60):02d}{born:%m%y}-{serial}"


def iban_number(rng: random.Random) -> str:
    country, length = rng.choice([("SE", 20), ("NO", 11), ("DK", 14), ("NL", 14)])
    while True:
        if country == "NL":
            bban = "ABNA" + "".join(str(rng.randrange(10)) for _ in range(length - 4))
        else:
            bban = "".join(str(rng.randrange(10)) for _ in range(length))
        number = country + iban.calc_check_digits(country + "00" + bban) + bban
        if iban.is_valid(number):
            return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


SENTENCES = {
    "se": ("Mitt personnummer är {n}, kan ni kolla mitt ärende?", "sv", "SE"),
    "se_coordination": ("Samordningsnummer {n} gäller min pappa.", "sv", "SE"),
    "no": ("Fødselsnummeret mitt er {n}, hjelp meg med saken.", "nb", "NO"),
    "no_d": ("D-nummer {n}, jeg venter fortsatt på svar.", "nb", "NO"),
    "nl": ("Mijn BSN is {n}, kunt u het dossier opzoeken?", "nl", "NL"),
    "dk": ("Mit CPR-nummer er {n}, hvornår får jeg svar?", "da", "DK"),
    "iban": ("Betala tillbaka till {n} tack.", "sv", "SE"),
}


def personal_data_items(per_kind: int = 200, seed: int = 4):
    """(kind, text, language, region, is_personal_data) tuples, half valid, half not."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    items = []
    for _ in range(per_kind):
        valid = {
            "se": se_number(rng)[0],
            "se_coordination": se_number(rng, coordination=True)[0],
            "no": no_number(rng),
            "no_d": no_number(rng, d_number=True),
            "nl": bsn_number(rng),
            "dk": cpr_number(rng),
            "iban": iban_number(rng),
        }
        for kind, number in valid.items():
            template, language, region = SENTENCES[kind]
            items.append((kind, template.format(n=number), language, region, True))
            if kind == "dk":
                wrong = cpr_number(rng, valid_date=False)
            elif kind == "iban":
                wrong = number[:2] + f"{(int(number[2:4]) + rng.randrange(1, 97)) % 97:02d}"
                wrong += number[4:]
            else:
                wrong = _wrong_last_digit(number, rng)
            items.append((kind, template.format(n=wrong), language, region, False))
    return items


def evaluate_personal_data(per_kind: int = 200) -> tuple[Score, dict[str, Score]]:
    overall, by_kind = Score(), {}
    for kind, text, language, region, expected in personal_data_items(per_kind):
        verdict = moderate(text, language=language, region=region)
        predicted = any(reason["code"] in PERSONAL_CODES for reason in verdict["reasons"])
        overall.add(expected, predicted)
        by_kind.setdefault(kind, Score()).add(expected, predicted)
    return overall, by_kind


# -- labelled abuse sets ---------------------------------------------------------------------


def labelled_items(language: str, kind: str = "labelled") -> list[tuple[bool, str]]:
    """(is_abusive, text) from `data/<kind>_<language>.tsv` (label TAB text)."""
    path = resources.files("civicdesk.moderation").joinpath(f"data/{kind}_{language}.tsv")
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        items.append((label.strip() == "1", text))
    return items


def evaluate_abuse(language: str, *, kind: str = "labelled", mistakes: list | None = None) -> Score:
    """Precision and recall of the abuse codes on `data/<kind>_<language>.tsv`."""
    score = Score()
    lexicon_language = LABELLED_LANGUAGES.get(language, language)
    for expected, text in labelled_items(language, kind):
        verdict = moderate(text, language=lexicon_language)
        predicted = any(reason["code"] in ABUSE_REASON_CODES for reason in verdict["reasons"])
        score.add(expected, predicted)
        if mistakes is not None and expected != predicted:
            mistakes.append((language, expected, text, verdict["reasons"]))
    return score


# -- throughput ------------------------------------------------------------------------------


def benchmark_comments(count: int = 2000, seed: int = 7, *, abusive: bool = True) -> list[str]:
    """200-character comments made of the labelled sentences (abusive ones too, by default)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    sentences = [
        text
        for language in LABELLED_LANGUAGES
        for label, text in labelled_items(language)
        if abusive or not label
    ]
    comments = []
    for _ in range(count):
        parts, length = [], 0
        while length < COMMENT_LENGTH:
            sentence = rng.choice(sentences)
            parts.append(sentence)
            length += len(sentence) + 1
        comments.append(" ".join(parts)[:COMMENT_LENGTH])
    return comments


def clean_comments(count: int = 2000) -> list[str]:
    """200-character comments made only of the labelled sets' non-abusive sentences."""
    return benchmark_comments(count, abusive=False)


def throughput(seconds: float = 3.0, *, comments: list[str] | None = None) -> tuple[float, int]:
    """Comments per CPU second through `moderate` with a compiled policy; and how many ran."""
    comments = comments or benchmark_comments()
    policy = compile_policy({"allowed_link_domains": ["tyreso.se"]})
    for comment in comments[:50]:
        moderate(comment, policy=policy, region="SE")  # warm the lexicon caches
    # CPU time of this process: "one core", and not skewed by other work on the machine.
    done, started = 0, time.process_time()
    while time.process_time() - started < seconds:
        for comment in comments:
            moderate(comment, policy=policy, region="SE")
        done += len(comments)
    return done / (time.process_time() - started), done


# -- the DKhate classifier -------------------------------------------------------------------

# Published macro-F1 on DKhate (OffensEval 2020 Danish test split), for comparison.
DKHATE_ANCHORS = (("paper", 0.70), ("char TF-IDF", 0.76), ("Nordic BERT", 0.78))


@dataclass
class ClassifierFigures:
    folds: list[classifier.FoldResult]
    cpu_seconds: float

    @property
    def macro_f1(self) -> float:
        return sum(fold.macro_f1 for fold in self.folds) / len(self.folds)


def evaluate_dkhate(rows: list[tuple[str, bool]], *, folds: int = 5) -> ClassifierFigures:
    """Cross-validated macro-F1; C and the threshold are tuned inside each training part."""
    started = time.process_time()
    results = classifier.cross_validate(rows, folds=folds)
    return ClassifierFigures(results, time.process_time() - started)


def dkhate_comments(rows: list[tuple[str, bool]], count: int = 500, seed: int = 7) -> list[str]:
    """200-character comments made of DKhate texts, for timing the classifier."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    texts = [text for text, _label in rows]
    comments = []
    for _ in range(count):
        parts, length = [], 0
        while length < COMMENT_LENGTH:
            parts.append(rng.choice(texts))
            length += len(parts[-1]) + 1
        comments.append(" ".join(parts)[:COMMENT_LENGTH])
    return comments


def classifier_microseconds(
    model: classifier.Model, comments: list[str], seconds: float = 1.0
) -> float:
    """CPU microseconds per comment for `model.decision`, one core."""
    done, started = 0, time.process_time()
    while time.process_time() - started < seconds:
        for comment in comments:
            model.decision(comment)
        done += len(comments)
    return (time.process_time() - started) / done * 1e6
