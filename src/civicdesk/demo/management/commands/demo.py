"""`civicdesk demo`: load the four seed organisations, demo logins and demo content."""

from django.core.management.base import BaseCommand

from civicdesk.demo.content import fill_inbox
from civicdesk.demo.services import DEMO_PASSWORD, create_demo_logins, load_seed_packs


class Command(BaseCommand):
    help = "Load the seed organisations' policy packs and create one demo login per role."

    def handle(self, *args, **options):
        organisations = load_seed_packs()
        logins = {
            organisation.slug: create_demo_logins(organisation) for organisation in organisations
        }
        for organisation in organisations:
            created = fill_inbox(organisation)
            if created:
                self.stdout.write(f"{organisation.name}: {created} demo items in the inbox")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD})")
        for organisation in organisations:
            self.stdout.write(f"  {organisation.name}")
            for login in logins[organisation.slug]:
                self.stdout.write(f"    {login.username:<24} {login.role} — {login.title}")
