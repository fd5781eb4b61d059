"""`civicdesk archive validate DIR`: schemas, checksums and structure of an archive package.

Prints one line per problem (``path: message``) and exits 0 when valid, 1 when not; bad input
(a missing folder, garbage XML) is a problem line, never a traceback.
"""

import sys

from django.core.management.base import BaseCommand

from civicdesk.core.exceptions import CivicdeskError
from civicdesk.records.archive.validate import validate_package

EXIT_INVALID = 1


class Command(BaseCommand):
    help = "Check archive packages (Noark 5, E-ARK, MDTO, JSON) against the official standards."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        validate = sub.add_parser("validate", help="check a package folder (or one XML file)")
        validate.add_argument("paths", nargs="+", metavar="DIR")

    def handle(self, *args, **options):
        invalid = False
        for path in options["paths"]:
            try:
                problems = validate_package(path)
            except CivicdeskError as error:
                self.stderr.write(f"{path}: {error.message}")
                invalid = True
                continue
            except (OSError, ValueError) as error:
                self.stderr.write(f"{path}: cannot be checked: {error}")
                invalid = True
                continue
            for problem in problems:
                self.stdout.write(str(problem))
            if problems:
                invalid = True
            else:
                self.stdout.write(f"{path}: ok")
        if invalid:
            sys.exit(EXIT_INVALID)
