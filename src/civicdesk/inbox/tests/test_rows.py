"""The fast insert path stores exactly what `bulk_create` stores, and stages are timed on demand."""

from datetime import datetime

import pytest
from django.db import connection

from civicdesk.inbox import stages
from civicdesk.inbox.ingest import _ITEM_COLUMNS, ingest
from civicdesk.inbox.models import Item
from civicdesk.inbox.rows import RowWriter
from civicdesk.inbox.tests.conftest import STOCKHOLM, item

pytestmark = pytest.mark.django_db


def _raw_row(pk: int) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM inbox_item WHERE id = %s", [pk])
        columns = [column[0] for column in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def test_row_writer_stores_what_bulk_create_stores(tyreso, frozen_receipt):
    frozen_receipt(datetime(2026, 6, 18, 14, 6, tzinfo=STOCKHOLM))
    (outcome,) = ingest([item("source", media=[{"type": "photo", "url": "https://x.example/ö"}])])
    template = Item.objects.get(pk=outcome.item.pk)
    template.moderation_reasons = [{"code": "spam", "start": 0, "end": 3, "detail": "ö"}]

    template.pk, template.external_id = None, "by-bulk-create"
    (by_orm,) = Item.objects.bulk_create([template])
    orm_pk = by_orm.pk
    template.pk, template.external_id = None, "by-row-writer"
    RowWriter(Item, _ITEM_COLUMNS).insert([[getattr(template, name) for name in _ITEM_COLUMNS]])
    by_rows = Item.objects.get(external_id="by-row-writer")

    expected, stored = _raw_row(orm_pk), _raw_row(by_rows.pk)
    for row in (expected, stored):
        row.pop("id"), row.pop("external_id"), row.pop("updated_at")
    assert stored == expected
    assert by_rows.due_at == template.due_at
    assert by_rows.media == template.media


def test_row_writer_rejects_a_row_of_the_wrong_width():
    with pytest.raises(ValueError, match="expected"):
        RowWriter(Item, _ITEM_COLUMNS).prepare([1, 2])


def test_stages_are_timed_only_when_measured(tyreso):
    assert stages.current() is None
    clock = stages.measure()
    try:
        list(ingest([item("timed-1"), item("timed-2", text="Tack för hjälpen!")]))
    finally:
        stages.stop()
    assert stages.current() is None
    assert {"parse", "moderation", "category", "route", "deadline", "insert"} <= set(clock.totals)
    assert all(seconds >= 0 for seconds in clock.totals.values())


def test_insert_returning_gives_each_row_its_key(tyreso):
    (outcome,) = ingest([item("template")])
    template = Item.objects.get(pk=outcome.item.pk)
    rows = []
    for n in range(3):
        template.external_id = f"returned-{n}"
        rows.append([getattr(template, name) for name in _ITEM_COLUMNS])
    writer = RowWriter(Item, _ITEM_COLUMNS)
    returned = writer.insert_returning(rows, ("id", "external_id"))
    if returned is None:
        pytest.skip("this database cannot return rows from an insert")
    stored = dict(
        Item.objects.filter(external_id__startswith="returned-").values_list("external_id", "pk")
    )
    assert {external_id: pk for pk, external_id in returned} == stored


def test_insert_returning_splits_statements_at_the_parameter_limit(tyreso, monkeypatch):
    (outcome,) = ingest([item("template")])
    template = Item.objects.get(pk=outcome.item.pk)
    writer = RowWriter(Item, _ITEM_COLUMNS)
    monkeypatch.setattr(writer, "_max_params", lambda: len(_ITEM_COLUMNS) * 2)
    rows = []
    for n in range(5):
        template.external_id = f"split-{n}"
        rows.append([getattr(template, name) for name in _ITEM_COLUMNS])
    returned = writer.insert_returning(rows, ("id",))
    if returned is None:
        pytest.skip("this database cannot return rows from an insert")
    assert len(returned) == 5
    assert Item.objects.filter(external_id__startswith="split-").count() == 5
