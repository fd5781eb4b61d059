"""The reference part of docs/policy-packs.md, printed from the schema (`civicdesk policy docs`)."""

import json

from civicdesk.policy.schema import PACK, Key, Table


def _default(key: Key) -> str:
    if key.required:
        return "required"
    return "`" + json.dumps(key.default, ensure_ascii=False) + "`"


def _table(table: Table, prefix: str, out: list[str]) -> None:
    name = f"{prefix}.{table.name}" if prefix else table.name
    header = f"[[{name}]]" if table.array else f"[{name}]"
    rules = f" ({table.rules})" if table.rules else ""
    need = " Required." if table.required else ""
    out += [f"### `{header}`{rules}", "", table.help + need, ""]
    out += ["| key | type | default | meaning | rule |", "|---|---|---|---|---|"]
    nested = []
    for entry in table.keys:
        if isinstance(entry, Table):
            nested.append(entry)
            continue
        help_text = entry.help.replace("|", "\\|")
        cells = [f"`{entry.name}`", entry.type.name, _default(entry), help_text, entry.rules]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for child in nested:
        _table(child, name, out)


def reference_markdown() -> str:
    out: list[str] = []
    for entry in PACK.keys:
        if isinstance(entry, Table):
            _table(entry, "", out)
        else:
            out += [f"Top-level key `{entry.name}`: {entry.help} Default {_default(entry)}.", ""]
    return "\n".join(out).rstrip() + "\n"
