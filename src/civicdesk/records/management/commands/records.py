"""`civicdesk records verify`: check the tamper-evident log end to end (contract.md).

Exit 0 when the chain is intact, 1 when it is broken (the first broken entry is printed) or when
a chain head given with ``--anchor`` (from an export's manifest) is no longer in the chain.
"""

import sys

from django.core.management.base import BaseCommand

from civicdesk.records import log

EXIT_BROKEN = 1


class Command(BaseCommand):
    help = "Check the records' tamper-evident log."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="check the hash chain end to end")
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="HASH",
            help="a chain head stated elsewhere (an export's manifest) that must still be in it",
        )

    def handle(self, *args, **options):
        result = log.verify(anchors=options["anchor"])
        if result.broken is not None:
            self.stderr.write(f"log broken at {result.broken}")
            self.stderr.write(f"{result.checked} entries intact before it")
            sys.exit(EXIT_BROKEN)
        if result.missing_anchors:
            for anchor in result.missing_anchors:
                self.stderr.write(f"chain head {log.PREFIX}{anchor} is not in the log")
            sys.exit(EXIT_BROKEN)
        self.stdout.write(
            f"log intact: {result.checked} entries, head #{result.head.sequence} {result.head}"
        )
