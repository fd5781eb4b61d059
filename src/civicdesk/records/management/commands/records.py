"""`civicdesk records verify` (the tamper-evident log, contract.md) and `records request`.

Exit 0 when the chain is intact, 1 when it is broken (the first broken entry is printed) or when
a chain head given with ``--anchor`` (from an export's manifest) is no longer in the chain.
"""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from civicdesk.core.exceptions import CivicdeskError, InvalidInput
from civicdesk.organisations.access import access_organisation
from civicdesk.records import log
from civicdesk.records.export import parse_period
from civicdesk.records.requests import Criteria, fulfil_request

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

        request = sub.add_parser("request", help="fulfil a records request (redacted export)")
        request.add_argument("--org", required=True, metavar="SLUG")
        request.add_argument("--out", required=True, metavar="DIR")
        request.add_argument("--user", required=True, help="the registrar fulfilling it")
        request.add_argument("--channel")
        request.add_argument("--from", dest="start", metavar="DATE")
        request.add_argument("--to", dest="end", metavar="DATE")
        request.add_argument("--q", help="words the items must contain")

    def handle(self, *args, **options):
        if options["action"] == "request":
            self._request(options)
            return
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

    def _request(self, options) -> None:
        actor = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        try:
            if actor is None:
                raise InvalidInput(f"no active user '{options['user']}'", field="user")
            organisation = access_organisation(actor, options["org"])
            period = parse_period(options["start"], options["end"])
            criteria = Criteria(options["channel"], period.start, period.end, options["q"])
            manifest = fulfil_request(actor, organisation, Path(options["out"]), criteria)
        except CivicdeskError as error:
            self.stderr.write(f"request failed: {error.message}")
            sys.exit(EXIT_BROKEN)
        self.stdout.write(f"{options['out']}: {manifest['items']} item(s), redacted, with manifest")
