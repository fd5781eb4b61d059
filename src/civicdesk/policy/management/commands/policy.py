"""`civicdesk policy check|load|docs`: validate packs, load them, print the format reference."""

import sys

from django.core.management.base import BaseCommand

from civicdesk.core.exceptions import CivicdeskError
from civicdesk.policy.docs import reference_markdown
from civicdesk.policy.loader import load_pack
from civicdesk.policy.validate import PackUnreadableError, read_pack

EXIT_INVALID = 1
EXIT_UNREADABLE = 2


class Command(BaseCommand):
    help = "Check or load policy packs (TOML), or print the pack format reference."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="validate packs; FILE:LINE: message per problem")
        check.add_argument("files", nargs="+")
        load = sub.add_parser("load", help="create or update organisations from packs")
        load.add_argument("files", nargs="+")
        sub.add_parser("docs", help="print the reference of every key (Markdown)")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "docs":
            self.stdout.write(reference_markdown(), ending="")
            return
        status = 0
        packs = []
        for name in options["files"]:
            try:
                pack = read_pack(name)
            except PackUnreadableError as error:
                self.stderr.write(str(error))
                status = max(status, EXIT_UNREADABLE)
                continue
            for problem in pack.problems:
                self.stderr.write(problem.format(name))
            if pack.valid:
                packs.append(pack)
                if action == "check":
                    self.stdout.write(f"{name}: ok ({pack.slug})")
            else:
                status = max(status, EXIT_INVALID)
        if action == "load":
            if status:
                self.stderr.write("nothing loaded: fix the problems above first")
                sys.exit(EXIT_INVALID)
            for pack in packs:
                try:
                    result = load_pack(pack)
                except CivicdeskError as error:
                    self.stderr.write(f"{pack.source}:1: {error.message}")
                    sys.exit(EXIT_INVALID)
                self.stdout.write(result.summary())
        if status:
            sys.exit(status)
