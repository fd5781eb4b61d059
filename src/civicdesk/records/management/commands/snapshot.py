"""`civicdesk snapshot CHANNEL [--user USERNAME]` or `civicdesk snapshot --due`: capture channels
as the archive holds them (A3)."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from civicdesk.records.models import Snapshot
from civicdesk.records.snapshots import take_due_snapshots, take_snapshot
from civicdesk.registry.models import Channel


class Command(BaseCommand):
    help = "Take a snapshot of a channel now, or of every channel whose interval has passed."

    def add_arguments(self, parser):
        parser.add_argument("channel", nargs="?")
        parser.add_argument("--user", help="who asked for it (recorded)")
        parser.add_argument("--due", action="store_true", help="all channels that are due")

    def handle(self, *args, **options):
        if options["due"]:
            self.stdout.write(f"{take_due_snapshots()} snapshot(s) taken")
            return
        if not options["channel"]:
            self.stderr.write("name a channel, or use --due")
            sys.exit(1)
        channel = (
            Channel.objects.select_related("organisation", "owning_unit")
            .filter(slug=options["channel"])
            .first()
        )
        if channel is None:
            self.stderr.write(f"no channel '{options['channel']}'")
            sys.exit(1)
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                self.stderr.write(f"no user '{options['user']}'")
                sys.exit(1)
        snapshot = take_snapshot(channel, trigger=Snapshot.Trigger.ON_DEMAND, actor=actor)
        self.stdout.write(
            f"{snapshot.diary_entry.number}: {snapshot.items} items → {snapshot.html_path}, "
            f"{snapshot.warc_path}"
        )
