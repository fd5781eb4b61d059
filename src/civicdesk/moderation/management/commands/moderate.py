"""`civicdesk moderate [--org SLUG] [--lang CODE]`: JSON lines in, one verdict line out (I2).

Input lines are `{"id", "text", "language"?}`. A line that cannot be moderated gets the verdict
`{"id", "action": "hold", "reasons": [], "error": "..."}` on stdout (so output lines match input
lines one to one) and `stdin:LINE: message` on stderr; the exit status stays 0.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from civicdesk.core.exceptions import CivicdeskError
from civicdesk.moderation.engine import moderate
from civicdesk.moderation.organisation import settings_for
from civicdesk.moderation.repeats import RepeatTracker


class Command(BaseCommand):
    help = "Moderate JSON lines from stdin; print one verdict per line."
    stealth_options = ("stdin",)  # tests and callers may pass a stream instead of sys.stdin

    def add_arguments(self, parser):
        parser.add_argument("--org", help="organisation slug: its policy, country and website")
        parser.add_argument("--lang", help="language of texts without their own (sv, nb, nl…)")

    def handle(self, *args, **options):
        try:
            settings = settings_for(options.get("org"))
        except CivicdeskError as error:
            raise CommandError(error.message) from error
        default_language = options.get("lang") or settings.language
        repeats = RepeatTracker()  # the input is one stream: repeated texts within it are spam
        stdin = options.get("stdin") or sys.stdin
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            self.stdout.write(
                json.dumps(
                    self._verdict(line, number, settings, default_language, repeats),
                    ensure_ascii=False,
                )  # fmt: skip
            )

    def _verdict(self, line, number, settings, default_language, repeats) -> dict:
        item_id = None
        try:
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"not a JSON object ({error.msg})") from error
            if not isinstance(item, dict):
                raise ValueError("each line must be a JSON object")
            item_id = item.get("id")
            text = item.get("text")
            if not isinstance(text, str):
                raise ValueError('"text" must be a string')
            language = item.get("language") or default_language
            verdict = moderate(
                text,
                language=language if isinstance(language, str) else None,
                policy=settings.policy,
                region=settings.region,
                repeats=repeats,
            )
        except (ValueError, CivicdeskError) as error:
            message = error.message if isinstance(error, CivicdeskError) else str(error)
            self.stderr.write(f"stdin:{number}: {message}")
            # Held, not kept: nobody has looked at it yet.
            return {
                "id": item_id,
                "action": "hold",
                "reasons": [],
                "error": f"line {number}: {message}",
            }
        return {"id": item_id, **verdict}
