"""`civicdesk serve`: the web server and the background worker together, for `make run`."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from civicdesk.core.schedule import ensure_scheduled


class Command(BaseCommand):
    help = "Serve the web app and run the background worker until interrupted."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, **options):
        for path in settings.CIVICDESK_RECURRING_TASKS:
            ensure_scheduled(import_string(path), None)
        worker = None
        if not options["no_worker"]:
            # -m keeps the worker on this interpreter and this settings module.
            worker = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "civicdesk", "db_worker", "--queue-name", "*"],
                env=os.environ.copy(),
            )
            self.stdout.write(f"background worker started (pid {worker.pid})")
        try:
            call_command(
                "runserver",
                f"{options['host']}:{options['port']}",
                use_reloader=False,
                insecure_serving=True,
            )
        finally:
            if worker and worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
