"""`civicdesk export FORMAT --org SLUG --out DIR [--from DATE] [--to DATE]` (contract.md).

Writes one complete archive package of an organisation's records; see ``records/export.py`` for
what goes where. Exit 0 when written, 1 with a one-line message on bad input (unknown format or
organisation, a bad date, an output folder that is not empty or not writable, nothing to export).
"""

import sys

from django.core.management.base import BaseCommand

from civicdesk.core.exceptions import CivicdeskError
from civicdesk.records.export import FORMATS, export_organisation

EXIT_FAILED = 1


class Command(BaseCommand):
    help = (
        "Export an organisation's records as an archive package (noark5, eark, mdto, json, warc)."
    )

    def add_arguments(self, parser):
        parser.add_argument("format", metavar="FORMAT", help=f"one of {', '.join(FORMATS)}")
        parser.add_argument("--org", required=True, metavar="SLUG")
        parser.add_argument("--out", required=True, metavar="DIR")
        parser.add_argument("--from", dest="start", metavar="DATE", help="YYYY-MM-DD, inclusive")
        parser.add_argument("--to", dest="end", metavar="DATE", help="YYYY-MM-DD, inclusive")

    def handle(self, *args, **options):
        try:
            result = export_organisation(
                options["format"],
                options["org"],
                options["out"],
                start=options["start"],
                end=options["end"],
            )
        except CivicdeskError as error:
            self.stderr.write(f"export failed: {error.message}")
            sys.exit(EXIT_FAILED)
        if isinstance(result, dict):  # the warc package: snapshots, listed in its manifest
            self.stdout.write(
                f"{options['out']}: warc package, {len(result['files'])} snapshot file(s)"
            )
            return
        covers = result.coverage
        self.stdout.write(
            f"{result.root}: {result.format} package, {covers.cases} cases, "
            f"{covers.entries} entries ({covers.confidential_entries} confidential), "
            f"{covers.documents} documents, {covers.changes} changes"
        )
