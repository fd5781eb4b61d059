"""Inserting many new rows of one model fast: values prepared once per field, few statements.

`bulk_create` prepares every value of every row through the field's full conversion chain and
builds a fresh multi-row statement per batch; for the inbox's wide Item rows that is most of the
cost of an insert. `RowWriter` decides per field how its values reach the database: plain
strings, numbers, booleans and keys go as they are (the types ingest puts there are already the
database's), date-times go through the backend's adapter (memoised, since a chunk shares its
receipt time and most deadlines), anything else through the field's own `get_db_prep_save`.
The stored values are the same as `bulk_create` would store.

`insert` sends the rows with one `executemany`; `insert_returning` as multi-row
`INSERT … VALUES (…), (…) RETURNING …` statements, which also hands back the new keys. On SQLite
the latter is also far cheaper per row for a table with insert triggers (the records app's
full-text index on `inbox_item`): measured, about a quarter of the time of `executemany`.
"""

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connections, models

# Field types whose values ingest sets to the exact Python type the driver takes as is.
_AS_IS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


class RowWriter:
    """`INSERT` rows of `model` given as value sequences in the order of `attnames`."""

    def __init__(self, model: type[models.Model], attnames: Sequence[str], using: str = "default"):
        self.connection = connection = connections[using]
        fields = {field.attname: field for field in model._meta.concrete_fields}
        self.attnames = tuple(attnames)
        self.converters: list[Callable[[Any], Any] | None] = []
        for name in self.attnames:
            field = fields[name]
            if isinstance(field, models.DateTimeField):
                self.converters.append(self._datetime_converter(field))
            elif isinstance(field, models.JSONField):
                self.converters.append(self._json_converter(field))
            elif isinstance(field, _AS_IS) and not field.primary_key:
                self.converters.append(None)
            else:
                self.converters.append(self._field_converter(field))
        quote = connection.ops.quote_name
        columns = ", ".join(quote(fields[name].column) for name in self.attnames)
        marks = ", ".join(["%s"] * len(self.attnames))
        # Names from the model, quoted by the backend; values are always parameters.
        table = quote(model._meta.db_table)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        self._head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
        self._marks = f"({marks})"
        self._fields = fields
        self._converted = [(i, c) for i, c in enumerate(self.converters) if c is not None]

    def _field_converter(self, field: models.Field) -> Callable[[Any], Any]:
        connection = self.connection
        return lambda value: field.get_db_prep_save(value, connection)

    def _datetime_converter(self, field: models.DateTimeField) -> Callable[[Any], Any]:
        connection = self.connection
        memo: dict = {}

        def convert(value):
            if value is None:
                return None
            try:
                return memo[value]
            except KeyError:
                if len(memo) > 10_000:
                    memo.clear()
                prepared = memo[value] = field.get_db_prep_save(value, connection)
                return prepared

        return convert

    def _json_converter(self, field: models.JSONField) -> Callable[[Any], Any]:
        connection = self.connection
        empty_list = field.get_db_prep_save([], connection)

        def convert(value):
            if type(value) is list and not value:
                return empty_list
            return field.get_db_prep_save(value, connection)

        return convert

    def prepare(self, values: Sequence[Any]) -> list[Any]:
        if len(values) != len(self.attnames):
            raise ValueError(f"expected {len(self.attnames)} values, got {len(values)}")
        row = list(values)
        for index, convert in self._converted:
            row[index] = convert(row[index])
        return row

    def insert(self, rows: Iterable[Sequence[Any]]) -> None:
        """Insert `rows` (each in the order of `attnames`) in one `executemany`."""
        prepared = [self.prepare(values) for values in rows]
        if prepared:
            with self.connection.cursor() as cursor:
                cursor.executemany(self.sql, prepared)

    def insert_returning(
        self, rows: Iterable[Sequence[Any]], returning: Sequence[str]
    ) -> list[tuple] | None:
        """Insert `rows` with multi-row `INSERT … RETURNING`; give the `returning` columns of each.

        The database does not promise to return rows in the order given, so ask for enough
        columns to match them up. Returns None, having inserted nothing, when the database cannot
        return rows from an insert (the caller then looks the keys up).
        """
        connection = self.connection
        if not connection.features.can_return_rows_from_bulk_insert:
            return None
        prepared = [self.prepare(values) for values in rows]
        if not prepared:
            return []
        quote = connection.ops.quote_name
        tail = " RETURNING " + ", ".join(quote(self._fields[name].column) for name in returning)
        per_statement = max(1, self._max_params() // len(self.attnames))
        found: list[tuple] = []
        with connection.cursor() as cursor:
            for start in range(0, len(prepared), per_statement):
                batch = prepared[start : start + per_statement]
                sql = self._head + ", ".join([self._marks] * len(batch)) + tail
                cursor.execute(sql, [value for row in batch for value in row])
                found.extend(cursor.fetchall())
        return found

    def _max_params(self) -> int:
        """How many parameters one statement may take on this connection."""
        connection = self.connection
        if connection.vendor == "sqlite":
            # Django assumes SQLite's old compile-time default (999); ask the library instead.
            connection.ensure_connection()
            getlimit = getattr(connection.connection, "getlimit", None)  # Python 3.11+
            if getlimit is not None:
                return min(getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), 32766)
        return connection.features.max_query_params or 999
