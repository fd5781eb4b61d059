"""`civicdesk import CHANNEL FILE`: stream items into the inbox and triage them."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from civicdesk.core.exceptions import CivicdeskError
from civicdesk.inbox.importer import formats, import_file
from civicdesk.registry.models import Channel


class Command(BaseCommand):
    help = "Import items (JSON lines in the contract's item shape) into a channel's inbox."

    def add_arguments(self, parser):
        parser.add_argument("channel")
        parser.add_argument("file")
        parser.add_argument(
            "--format",
            default="jsonl",
            choices=["jsonl", *sorted(formats())],
            help="jsonl (the contract's item shape) or a platform's export or API file",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            self.stderr.write(f"{path}: cannot read: no such file")
            sys.exit(1)
        if not Channel.objects.filter(slug=options["channel"]).exists():
            self.stderr.write(f"no channel '{options['channel']}'")
            sys.exit(1)
        size = path.stat().st_size or 1
        show_progress = sys.stderr.isatty()
        last = [-1]

        def progress(position: int) -> None:
            percent = position * 100 // size
            if percent != last[0]:
                last[0] = percent
                bar = "#" * (percent // 4)
                sys.stderr.write(f"\r[{bar:<25}] {percent:3d}%")
                sys.stderr.flush()

        try:
            report = import_file(
                options["channel"],
                path,
                file_format=options["format"],
                progress=progress if show_progress else None,
                on_problem=lambda line: self.stderr.write(("\n" if show_progress else "") + line),
            )
        except CivicdeskError as error:
            self.stderr.write(f"{path}: {error.message}")
            sys.exit(1)
        if show_progress:
            sys.stderr.write("\n")
        self.stdout.write(
            f"{report.created} imported, {report.new_versions} new versions, "
            f"{report.unchanged} unchanged, {report.rejected} rejected"
        )
        if report.rejected:
            sys.exit(1)
