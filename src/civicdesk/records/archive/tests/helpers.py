"""Small helpers the archive tests share: schema validation with the error log attached."""

from pathlib import Path

from lxml import etree

from civicdesk.records.archive import standards as std


def schema_errors(xml: Path, *schemas: str) -> list[str]:
    schema = std.load_schema(*schemas)
    ok = schema.validate(etree.parse(str(xml), std.offline_parser()))
    return [] if ok else [f"{e.line}: {e.message}" for e in schema.error_log]
