"""docs/policy-packs.md documents every key: its reference is the schema's own output."""

from pathlib import Path

from civicdesk.policy.docs import reference_markdown
from civicdesk.policy.schema import PACK, Key, Table

DOC = Path(__file__).resolve().parents[4] / "docs" / "policy-packs.md"


def all_keys(table: Table, prefix: str = ""):
    for entry in table.keys:
        name = f"{prefix}.{entry.name}" if prefix else entry.name
        if isinstance(entry, Table):
            yield from all_keys(entry, name)
        else:
            assert isinstance(entry, Key)
            yield entry


def test_policy_pack_doc_contains_the_generated_reference():
    # Regenerate with: civicdesk policy docs (and paste below the "Reference" heading).
    assert reference_markdown() in DOC.read_text(encoding="utf-8")


def test_every_key_has_a_meaning():
    for key in all_keys(PACK):
        assert key.help.strip(), key.name
