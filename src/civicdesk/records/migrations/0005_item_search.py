"""Full-text search indexes over inbox items (see records/search.py)."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE records_item_search USING fts5(text, content='inbox_item', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER records_item_search_ai AFTER INSERT ON inbox_item BEGIN "
    "INSERT INTO records_item_search(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER records_item_search_ad AFTER DELETE ON inbox_item BEGIN "
    "INSERT INTO records_item_search(records_item_search, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER records_item_search_au AFTER UPDATE OF text ON inbox_item BEGIN "
    "INSERT INTO records_item_search(records_item_search, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO records_item_search(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO records_item_search(records_item_search) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS records_item_search_au",
    "DROP TRIGGER IF EXISTS records_item_search_ad",
    "DROP TRIGGER IF EXISTS records_item_search_ai",
    "DROP TABLE IF EXISTS records_item_search",
]
PG_CONFIGS = ("swedish", "norwegian", "danish", "dutch", "english", "simple")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for config in PG_CONFIGS:
            schema_editor.execute(
                f"CREATE INDEX records_item_text_{config} ON inbox_item "
                f"USING gin (to_tsvector('{config}'::regconfig, text))"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for config in PG_CONFIGS:
            schema_editor.execute(f"DROP INDEX IF EXISTS records_item_text_{config}")


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0004_snapshot"),
        ("inbox", "0003_moderation_decision"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
