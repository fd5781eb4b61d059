"""`civicdesk moderation evaluate|train|decisions`: issue 4's figures, the classifier (I2), and
moderators' decisions written out as training data."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from civicdesk.moderation import classifier
from civicdesk.moderation.evaluation import (
    COMMENT_LENGTH,
    DKHATE_ANCHORS,
    LABELLED_LANGUAGES,
    SET_LANGUAGES,
    classifier_microseconds,
    clean_comments,
    dkhate_comments,
    evaluate_abuse,
    evaluate_dkhate,
    evaluate_personal_data,
    throughput,
)
from civicdesk.moderation.feedback import labelled_decisions, write_tsv


class Command(BaseCommand):
    help = "Evaluate moderation: personal-data and abuse precision/recall, and throughput."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        evaluate = sub.add_parser("evaluate", help="print precision, recall and throughput")
        evaluate.add_argument("--per-kind", type=int, default=200, help="generated numbers")
        evaluate.add_argument("--seconds", type=float, default=3.0, help="benchmark duration")
        evaluate.add_argument("--mistakes", action="store_true", help="list misclassified items")
        evaluate.add_argument("--dkhate", type=Path, help="DKhate TSV (default: shared data)")
        evaluate.add_argument(
            "--no-dkhate", action="store_true", help="skip the DKhate cross-validation"
        )
        evaluate.add_argument(
            "--dkhate-only", action="store_true", help="only the DKhate cross-validation"
        )
        train = sub.add_parser("train", help="train the abuse classifier on DKhate")
        train.add_argument("--dkhate", type=Path, help="DKhate TSV (default: shared data)")
        train.add_argument("--output", type=Path, help="model file (default: the package's)")
        train.add_argument(
            "--extra",
            type=Path,
            action="append",
            default=[],
            help="more rows in the DKhate layout, e.g. from `moderation decisions` (repeatable)",
        )
        decisions = sub.add_parser(
            "decisions", help="write moderators' abuse decisions and overrules as training rows"
        )
        decisions.add_argument("--org", help="only this organisation's items")
        decisions.add_argument("--output", type=Path, required=True, help="TSV file to write")

    def handle(self, *args, **options):
        if options["action"] == "train":
            return self._train(options)
        if options["action"] == "decisions":
            return self._decisions(options)
        return self._evaluate(options)

    @staticmethod
    def _dkhate_path(options) -> Path:
        if options.get("dkhate"):
            return options["dkhate"]
        shared = Path(settings.BASE_DIR).parents[2] / "shared" / "data" / "moderation"
        return shared / "dkhate" / "offenseval-da-training-v1.tsv"

    def _train(self, options):
        path = self._dkhate_path(options)
        if not path.is_file():
            raise CommandError(f"{path}: no DKhate data (see ../shared/data/moderation/README.md)")
        rows = classifier.read_dkhate(path)
        extra_rows = 0
        for extra in options.get("extra") or []:
            if not extra.is_file():
                raise CommandError(f"{extra}: no such file")
            more = classifier.read_dkhate(extra)
            rows.extend(more)
            extra_rows += len(more)
        if len(rows) < 10 or not any(label for _text, label in rows):
            raise CommandError(f"{path}: too few labelled rows ({len(rows)})")
        started = time.process_time()
        model = classifier.train(rows)
        seconds = time.process_time() - started
        offensive = sum(1 for _text, label in rows if label)
        model.metadata = {
            **(model.metadata or {}),
            "data": "DKhate (OffensEval 2020 Danish) training split, CC-BY-4.0",
            "rows": len(rows),
            "offensive": offensive,
            "extra_rows": extra_rows,
            "extra_files": [extra.name for extra in options.get("extra") or []],
        }
        output = options.get("output") or Path(classifier.__file__).parent / (
            classifier.MODEL_RESOURCE
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        blob = model.dumps()
        output.write_bytes(blob)
        classifier.load_model.cache_clear()
        self.stdout.write(
            f"trained on {len(rows)} rows ({offensive} offensive, {extra_rows} from --extra)"
            f" in {seconds:.0f} s CPU:"
            f" C = {model.metadata['C']} (chosen by inner {classifier.INNER_FOLDS}-fold"
            f" cross-validation), threshold {model.threshold:+.2f},"
            f" {model.metadata['passes']} solver passes, {model.feature_count} weighted n-grams,"
            f" {len(blob):,} bytes -> {output}"
        )

    def _decisions(self, options):
        output: Path = options["output"]
        try:
            with output.open("w", encoding="utf-8", newline="") as out:
                written, offensive = write_tsv(labelled_decisions(options.get("org")), out)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}") from error
        self.stdout.write(
            f"{written} decisions ({offensive} abusive, {written - offensive} overruled flags)"
            f" -> {output}; add them with `civicdesk moderation train --extra {output}`"
        )

    def _evaluate(self, options):
        if not options["dkhate_only"]:
            self._evaluate_rules(options)
        if not options["no_dkhate"]:
            self._evaluate_dkhate(options)

    def _evaluate_rules(self, options):
        overall, by_kind = evaluate_personal_data(options["per_kind"])
        self.stdout.write("Personal data (generated: valid numbers vs. wrong check digits)")
        for kind, score in sorted(by_kind.items()):
            self.stdout.write(
                f"  {kind:16} precision {score.precision:.3f}  recall {score.recall:.3f}"
                f"  ({score.total} items)"
            )
        self.stdout.write(
            f"  {'all':16} precision {overall.precision:.3f}  recall {overall.recall:.3f}"
            f"  ({overall.total} items)"
        )
        self.stdout.write("Abuse (labelled sets in civicdesk/moderation/data/)")
        mistakes: list | None = [] if options["mistakes"] else None
        for language in LABELLED_LANGUAGES:
            score = evaluate_abuse(language, mistakes=mistakes)
            self.stdout.write(
                f"  {language:16} precision {score.precision:.3f}  recall {score.recall:.3f}"
                f"  ({score.total} items, {score.true_positive + score.false_negative} abusive)"
            )
        for kind, title in (
            ("dev", "Abuse, development sets (written per language and tuned on; dev_*.tsv)"),
            ("dev2", "Abuse, second development sets (tuned on; dev2_*.tsv)"),
            ("blind", "Abuse, blind sets (written without seeing the lexicons, never tuned on; "
             "blind_*.tsv): the figures for new comments"),
        ):  # fmt: skip
            self.stdout.write(title)
            for language in SET_LANGUAGES:
                score = evaluate_abuse(language, kind=kind, mistakes=mistakes)
                self.stdout.write(
                    f"  {language:16} precision {score.precision:.3f}  recall {score.recall:.3f}"
                    f"  ({score.total} items, {score.true_positive + score.false_negative} "
                    "abusive)"
                )
        for language, expected, text, reasons in mistakes or []:
            kind = "missed" if expected else "false alarm"
            codes = ",".join(reason["code"] for reason in reasons) or "-"
            self.stdout.write(f"    {language} {kind}: {text}  [{codes}]")
        self.stdout.write(
            f"Throughput ({COMMENT_LENGTH}-character comments, whole chain, one core, CPU time)"
        )
        for label, comments in (
            ("labelled mix", None),
            ("non-abusive only", clean_comments()),
        ):
            rate, count = throughput(options["seconds"], comments=comments)
            self.stdout.write(f"  {label:16} {rate:,.0f} comments/s ({count} comments)")

    def _evaluate_dkhate(self, options):
        path = self._dkhate_path(options)
        if not path.is_file():
            self.stdout.write(f"DKhate: {path} not found, cross-validation skipped")
            return
        rows = classifier.read_dkhate(path)
        figures = evaluate_dkhate(rows)
        self.stdout.write(
            f"DKhate classifier, {len(figures.folds)}-fold stratified cross-validation"
            f" ({len(rows)} rows; C and threshold tuned inside each training part):"
            f" macro-F1 {figures.macro_f1:.3f}"
        )
        for number, fold in enumerate(figures.folds, start=1):
            self.stdout.write(
                f"  fold {number}: macro-F1 {fold.macro_f1:.3f}  (C {fold.c}, threshold"
                f" {fold.threshold:+.2f})"
            )
        anchors = ", ".join(f"{value:.2f} {name}" for name, value in DKHATE_ANCHORS)
        self.stdout.write(f"  anchors (published, test split): {anchors}")
        self.stdout.write(f"  cross-validation took {figures.cpu_seconds:.0f} s CPU")
        model = classifier.load_model()
        if model is not None:
            microseconds = classifier_microseconds(model, dkhate_comments(rows))
            self.stdout.write(
                f"  committed model: {microseconds:.0f} µs per {COMMENT_LENGTH}-character"
                " comment (one core, CPU time)"
            )
