"""`civicdesk categories train|cv`: the learned model behind the category rules (I4)."""

from django.core.management.base import BaseCommand

from civicdesk.inbox.triage import model


class Command(BaseCommand):
    help = (
        "Train the category model on triage/data/training_categories.jsonl (train), or print "
        "the cross-validated accuracy of the rules alone and with the model (cv)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["train", "cv"])

    def handle(self, *args, **options):
        if options["action"] == "train":
            trained = model.train_committed()
            kept = sum(len(table) for table in trained.blocks.values())
            path = model.committed_path()
            self.stdout.write(
                f"trained on {model.TRAINING_SET.name}: C={trained.metadata['C']}, "
                f"{kept} features kept; wrote {path} ({path.stat().st_size:,} bytes)"
            )
            return
        rules, both, count = model.cross_validated()
        self.stdout.write(
            f"5-fold cross-validation on {count} training items: rules alone {rules:.3f}, "
            f"rules + model {both:.3f}"
        )
