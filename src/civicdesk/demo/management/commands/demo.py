"""`civicdesk demo`: load the four seed organisations, demo logins and demo content."""

from django.core.management.base import BaseCommand

from civicdesk.demo.services import DEMO_PASSWORD, create_demo_logins, load_seed_packs


class Command(BaseCommand):
    help = "Load the seed organisations' policy packs and create one demo login per role."

    def handle(self, *args, **options):
        organisations = load_seed_packs()
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD})")
        for organisation in organisations:
            self.stdout.write(f"  {organisation.name}")
            for login in create_demo_logins(organisation):
                self.stdout.write(f"    {login.username:<24} {login.role} — {login.title}")
