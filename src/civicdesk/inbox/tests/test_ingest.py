"""Ingest (issue 3): idempotent, versioned, and never losing good items beside bad ones."""

from datetime import datetime

import pytest

from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.models import Item, ItemChange, ItemVersion
from civicdesk.inbox.results import triage_result
from civicdesk.inbox.tests.conftest import STOCKHOLM, item

pytestmark = pytest.mark.django_db


def one(raw, **kwargs):
    (outcome,) = list(ingest([raw], **kwargs))
    return outcome


class TestContractShape:
    def test_result_has_the_contract_fields(self, tyreso, frozen_receipt):
        frozen_receipt(datetime(2026, 6, 18, 14, 6, tzinfo=STOCKHOLM))
        result = triage_result(one(item()).item)
        assert set(result) == {
            "id",
            "channel",
            "external_id",
            "category",
            "moderation",
            "route",
            "due_at",
            "record",
            "status",
        }
        assert result["channel"] == "tyreso-facebook"
        assert result["category"] == "question"
        assert result["moderation"] == {"action": "keep", "reasons": []}
        assert result["route"]["unit"] == "tyreso-samhallsbyggnad"
        assert result["route"]["action"] == "forward"
        # contract.md's example: Thursday 18 June, Midsummer Eve on the 19th → Monday 22 June.
        assert result["due_at"] == "2026-06-22T17:00:00+02:00"
        assert result["record"] == {"diary_number": None, "status": "kept"}
        assert result["status"] == "triaged"


class TestIdempotence:
    def test_same_item_twice_changes_nothing(self, tyreso):
        first = one(item())
        second = one(item())
        assert first.created and not second.created and not second.new_version
        assert first.item.pk == second.item.pk
        assert Item.objects.count() == 1
        assert ItemVersion.objects.count() == 1
        assert triage_result(first.item) == triage_result(Item.objects.get())

    def test_changed_text_is_a_new_version(self, tyreso):
        one(item(text="Hej! När öppnar återvinningscentralen?"))
        outcome = one(item(text="Hej! När stänger återvinningscentralen?"))
        assert outcome.new_version
        stored = Item.objects.get()
        assert stored.version == 2
        assert stored.text.endswith("stänger återvinningscentralen?")
        assert list(ItemVersion.objects.values_list("version", flat=True)) == [1, 2]
        change = ItemChange.objects.get(field="text")
        assert "öppnar" in change.old and "stänger" in change.new

    def test_same_item_twice_in_one_batch(self, tyreso):
        outcomes = list(ingest([item(), item()]))
        assert outcomes[0].created and not outcomes[1].created
        assert Item.objects.count() == 1


class TestBadItems:
    def test_good_items_survive_bad_ones(self, tyreso):
        batch = [
            item("a"),
            {"channel": "tyreso-facebook"},
            item("b", created_at="yesterday"),
            "not an object",
            item("c", channel="nowhere"),
            item("d", kind="shout"),
            item("e"),
        ]
        outcomes = list(ingest(batch))
        assert [o.error is None for o in outcomes] == [
            True,
            False,
            False,
            False,
            False,
            False,
            True,
        ]
        assert sorted(Item.objects.values_list("external_id", flat=True)) == ["a", "e"]
        assert outcomes[2].error.field == "created_at"
        assert outcomes[4].error.field == "channel"
        assert outcomes[5].error.field == "kind"

    def test_hostile_text_is_kept_verbatim(self, tyreso):
        nasty = "<script>alert(1)</script>\u202e\u200b" + "😀" * 100 + "'; DROP TABLE inbox_item;--"
        stored = one(item(text=nasty)).item
        assert Item.objects.get(pk=stored.pk).text == nasty

    def test_oversized_and_nul_text_are_refused(self, tyreso):
        assert one(item(text="x" * 100_001)).error.field == "text"
        assert one(item("n", text="a\x00b")).error.field == "text"

    def test_naive_timestamp_is_refused(self, tyreso):
        assert "UTC offset" in one(item(created_at="2026-06-18T14:05:00")).error.message

    def test_unknown_field_is_named(self, tyreso):
        assert one(item(colour="red")).error.field == "colour"


class TestActor:
    def test_actor_of_another_organisation_sees_no_channel(self, tyreso, bo_info):
        outcome = one(item(), actor=bo_info)
        assert outcome.error.code == "not_found"
        assert not Item.objects.exists()
