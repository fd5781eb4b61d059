"""Checks of Civicdesk's JSON lines package: manifest, SHA256SUMS, nothing unlisted, and every
line of every ``.jsonl`` file a JSON object."""

from __future__ import annotations

import json
from pathlib import Path

from civicdesk.records.archive.checksums import SUMS
from civicdesk.records.archive.validate.files import check_manifest, check_sums, check_unlisted
from civicdesk.records.archive.validate.problem import Report

FILES = ("cases.jsonl", "entries.jsonl", "changes.jsonl")


def validate_json(root: Path) -> list:
    report = Report(root)
    check_manifest(report, root)
    if not (root / SUMS).is_file():
        report.add(SUMS, "checksum list is missing")
    else:
        listed = {SUMS}
        check_sums(report, root, SUMS, listed)
        check_unlisted(report, root, listed, SUMS)
    for name in FILES:
        path = root / name
        if not path.is_file():
            report.add(name, "required file is missing")
            continue
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    ok = isinstance(json.loads(line), dict)
                except ValueError:
                    ok = False
                if not ok:
                    report.add(name, "line is not a JSON object", number)
    return report.problems
