"""`civicdesk token create USERNAME`: print a new API token for a user (shown once)."""

import sys

from django.core.management.base import BaseCommand

from civicdesk.api.tokens import create_token
from civicdesk.core.exceptions import CivicdeskError


class Command(BaseCommand):
    help = "Create an API token for a user."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print it")
        create.add_argument("username")
        create.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args, **options):
        try:
            token = create_token(options["username"], options["name"])
        except CivicdeskError as error:
            self.stderr.write(error.message)
            sys.exit(1)
        self.stdout.write(token)
