"""`civicdesk moderation evaluate`: the figures issue 4 asks for, printed (I2, P2)."""

from django.core.management.base import BaseCommand

from civicdesk.moderation.evaluation import (
    COMMENT_LENGTH,
    LABELLED_LANGUAGES,
    clean_comments,
    evaluate_abuse,
    evaluate_personal_data,
    throughput,
)


class Command(BaseCommand):
    help = "Evaluate moderation: personal-data and abuse precision/recall, and throughput."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        evaluate = sub.add_parser("evaluate", help="print precision, recall and throughput")
        evaluate.add_argument("--per-kind", type=int, default=200, help="generated numbers")
        evaluate.add_argument("--seconds", type=float, default=3.0, help="benchmark duration")
        evaluate.add_argument("--mistakes", action="store_true", help="list misclassified items")

    def handle(self, *args, **options):
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
