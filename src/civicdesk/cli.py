"""The `civicdesk` command: every Django management command plus Civicdesk's own."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["civicdesk", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
