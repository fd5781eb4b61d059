"""`civicdesk credentials set|reveal CHANNEL --user USERNAME`: channel logins (R4).

Only a user holding one of the pack's `register.credentials_roles` may set or reveal; every reveal
is logged with its reason. The password is read without echo (or from stdin when piped), never
from the command line, where it would end up in shell history and process lists.
"""

import getpass
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from civicdesk.core.exceptions import CivicdeskError
from civicdesk.registry.credentials import reveal_credentials, set_credentials
from civicdesk.registry.services import access_channel


class Command(BaseCommand):
    help = "Set or reveal a channel's login details (information unit only; reveals are logged)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("set", "reveal"):
            action = sub.add_parser(name)
            action.add_argument("channel")
            action.add_argument("--user", required=True, help="who is acting")
        sub.choices["set"].add_argument("--username", required=True, help="the platform login")
        sub.choices["reveal"].add_argument("--reason", required=True, help="why it is needed")

    def handle(self, *args, **options):
        actor = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        try:
            if actor is None:
                raise CivicdeskError(f"No active user '{options['user']}'.")
            channel = access_channel(actor, options["channel"])
            if options["action"] == "set":
                password = self._read_password()
                set_credentials(actor, channel, username=options["username"], password=password)
                self.stdout.write(f"login details of {channel.slug} stored (sealed)")
            else:
                secret = reveal_credentials(actor, channel, reason=options["reason"])
                self.stdout.write(f"username: {secret['username']}\npassword: {secret['password']}")
        except CivicdeskError as error:
            self.stderr.write(error.message)
            sys.exit(1)

    def _read_password(self) -> str:
        if sys.stdin.isatty():
            return getpass.getpass("Password: ")
        return sys.stdin.readline().rstrip("\n")
