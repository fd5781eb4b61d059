"""Swedish personnummer: Civicdesk against Presidio's own recognizer, same texts and run (issue 4).

Presidio's `SePersonnummerRecognizer` (`presidio-analyzer`, the `bench` extra: `pip install -e
'.[bench]'`) is a pattern recognizer: a regex, a Luhn check and a month/day range check. It runs
here without a spaCy model (`nlp_artifacts=None`), so no context words raise or lower its scores;
a result with a score above 0 counts as found. Civicdesk is timed twice: the ID-number rule alone
(folding the text included, as the chain does) and the whole chain, `engine.moderate`.

The texts are 200-character Swedish comments made of the labelled set's non-abusive sentences, one
in five without any number and the rest with one number in a sentence: a valid personnummer or
samordningsnummer (10 or 12 digits, with or without the dash), the same with a wrong check digit,
or one with a valid check digit but a date that does not exist (30 February, 31 April...).
`BENCH_PRESIDIO_TEXTS` sets how many (default 2000), `BENCH_PRESIDIO_SECONDS` how long each side
is timed (default 2 CPU seconds).
"""

import datetime
import os
import random
import time

from stdnum import luhn

from civicdesk.moderation.context import Context
from civicdesk.moderation.engine import moderate
from civicdesk.moderation.evaluation import (
    COMMENT_LENGTH,
    Score,
    _wrong_last_digit,
    labelled_items,
    se_number,
)
from civicdesk.moderation.personal_data import IdNumberRule
from civicdesk.moderation.policy import compile_policy

INSTALL_HINT = (
    "presidio-analyzer is not installed; `make bench` installs it, or: "
    ".venv/bin/pip install -e '.[dev,bench]'"
)
TEMPLATES = (
    "Mitt personnummer är {n}, kan ni kolla mitt ärende?",
    "Ärendet gäller min mamma, {n}.",
    "Skriv {n} på blanketten och skicka den till oss.",
    "Samordningsnummer {n} gäller min pappa.",
    "Jag har skickat in {n} två gånger nu utan svar.",
)
IMPOSSIBLE_DAYS = ((2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31))


def _impossible_date_number(rng: random.Random) -> str:
    """A 10-digit number with a valid Luhn digit whose date does not exist."""
    month, day = rng.choice(IMPOSSIBLE_DAYS)
    body = f"{rng.randrange(100):02d}{month:02d}{day:02d}{rng.randrange(1000):03d}"
    number = body + luhn.calc_check_digit(body)
    return f"{number[:6]}-{number[6:]}"


def _number(kind: str, rng: random.Random) -> str:
    if kind == "impossible date":
        return _impossible_date_number(rng)
    number, _check = se_number(rng, coordination=rng.random() < 0.2)
    if kind == "wrong check digit":
        number = _wrong_last_digit(number, rng)
    if rng.random() < 0.25:
        number = number.replace("-", "")
    return number


def personnummer_texts(count: int = 2000, seed: int = 11) -> list[tuple[str, str, bool]]:
    """(kind, 200-character text, holds a valid personnummer) for the comparison."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    filler = [text for abusive, text in labelled_items("sv") if not abusive]
    kinds = ("valid", "valid", "wrong check digit", "impossible date", "none")
    items = []
    for _ in range(count):
        kind = rng.choice(kinds)
        parts = [rng.choice(filler)] if rng.random() < 0.5 else []
        if kind != "none":
            parts.append(rng.choice(TEMPLATES).format(n=_number(kind, rng)))
        while sum(map(len, parts)) + len(parts) < COMMENT_LENGTH:
            parts.append(rng.choice(filler))
        text = " ".join(parts)[:COMMENT_LENGTH]
        items.append((kind, text, kind == "valid"))
    return items


def _rate(detect, texts: list[str], seconds: float) -> float:
    for text in texts[:50]:
        detect(text)
    done, started = 0, time.process_time()
    while time.process_time() - started < seconds:
        for text in texts:
            detect(text)
        done += len(texts)
    return done / (time.process_time() - started)


def main() -> None:
    try:
        from presidio_analyzer.predefined_recognizers.country_specific.sweden import (
            SePersonnummerRecognizer,
        )
    except ImportError:
        print(INSTALL_HINT)
        return
    count = int(os.environ.get("BENCH_PRESIDIO_TEXTS", "2000"))
    seconds = float(os.environ.get("BENCH_PRESIDIO_SECONDS", "2"))
    items = personnummer_texts(count)
    texts = [text for _kind, text, _truth in items]

    recognizer = SePersonnummerRecognizer()
    entities = recognizer.supported_entities
    policy = compile_policy({"allowed_link_domains": ["tyreso.se"]})
    rule = IdNumberRule()

    def presidio(text: str) -> bool:
        results = recognizer.analyze(text, entities, nlp_artifacts=None) or []
        return any(result.score > 0 for result in results)

    def civicdesk_rule(text: str) -> bool:
        context = Context(text, policy, language="sv", region="SE")
        return any(reason.detail.startswith("SE ") for reason in rule.check(text, context))

    def civicdesk_chain(text: str) -> bool:
        verdict = moderate(text, policy=policy, language="sv", region="SE")
        return any(reason["code"] == "personal_id_number" for reason in verdict["reasons"])

    sides = {
        "Presidio SePersonnummerRecognizer": presidio,
        "Civicdesk ID-number rule": civicdesk_rule,
        "Civicdesk whole chain (moderate)": civicdesk_chain,
    }
    scores = {}
    for name, detect in sides.items():
        score = scores[name] = Score()
        for _kind, text, truth in items:
            score.add(truth, detect(text))
    # Timed in turns, twice, best of each: the machine is shared, so a slow spell hits all.
    rates = dict.fromkeys(sides, 0.0)
    for _round in range(2):
        for name, detect in sides.items():
            rates[name] = max(rates[name], _rate(detect, texts, seconds))

    by_kind: dict[str, int] = {}
    for kind, _text, _truth in items:
        by_kind[kind] = by_kind.get(kind, 0) + 1
    mix = ", ".join(f"{number} {kind}" for kind, number in sorted(by_kind.items()))
    print(f"Swedish personnummer in {len(items)} comments of {COMMENT_LENGTH} characters ({mix})")
    print(f"  (one core, CPU time, {datetime.date.today():%Y-%m-%d})")  # noqa: DTZ011
    for name in sides:
        score = scores[name]
        print(
            f"  {name:36s} {rates[name]:>9,.0f} texts/s  precision {score.precision:.3f}"
            f"  recall {score.recall:.3f}  (FP {score.false_positive}, FN {score.false_negative})"
        )
    base = rates["Presidio SePersonnummerRecognizer"]
    print(
        f"  ratio to Presidio: ID-number rule {rates['Civicdesk ID-number rule'] / base:.2f}x, "
        f"whole chain {rates['Civicdesk whole chain (moderate)'] / base:.2f}x"
    )


if __name__ == "__main__":
    main()
