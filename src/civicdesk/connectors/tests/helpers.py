"""Shared by the connector tests: fixture paths, reading an adapter's records, checking items."""

from pathlib import Path

import pytest

from civicdesk.connectors.base import Entry, Problem, get_adapter
from civicdesk.inbox.parse import parse_item

FIXTURES = Path(__file__).parent / "fixtures"
# The real-shaped samples of shared/data/platforms, beside the repository (not shipped with it).
REPO = Path(__file__).resolve().parents[4]
SAMPLES = REPO.parent / "shared" / "data" / "platforms"


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"real-format sample {name} not present beside the repository")
    return path


def read(format_name: str, path: Path) -> tuple[list[Entry], list[Problem]]:
    records = list(get_adapter(format_name).read(path))
    entries = [r for r in records if isinstance(r, Entry)]
    problems = [r for r in records if isinstance(r, Problem)]
    assert len(entries) + len(problems) == len(records)
    for entry in entries:
        # Every item an adapter yields is accepted by the inbox as it stands.
        parse_item({**entry.item, "channel": "test-channel"})
    return entries, problems


def items(entries: list[Entry]) -> dict[str, dict]:
    return {entry.item["external_id"]: entry.item for entry in entries}


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path
