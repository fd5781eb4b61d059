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


SPAM = "Besök vår fantastiska butik i centrum, alla varor till halva priset hela veckan"


def spam_codes(outcome) -> list[str]:
    return [
        reason["code"] for reason in outcome.item.moderation_reasons if reason["code"] == "spam"
    ]


class TestRepeats:
    def test_third_copy_in_one_chunk_is_spam(self, tyreso):
        outcomes = list(ingest([item(f"r{n}", text=SPAM) for n in range(3)]))
        assert [bool(spam_codes(o)) for o in outcomes] == [False, False, True]
        assert outcomes[2].item.moderation_action == "remove"
        assert Item.objects.get(external_id="r2").moderation_action == "remove"

    def test_stored_copies_count_across_runs(self, tyreso):
        list(ingest([item("s0", text=SPAM), item("s1", text=SPAM)]))
        (third,) = ingest([item("s2", text=SPAM)])
        assert spam_codes(third)

    def test_copies_older_than_a_week_do_not_count(self, tyreso):
        old = "2026-06-01T10:00:00+02:00"
        list(ingest([item("o0", text=SPAM, created_at=old), item("o1", text=SPAM, created_at=old)]))
        (later,) = ingest([item("o2", text=SPAM)])
        assert not spam_codes(later)

    def test_other_channels_do_not_count(self, tyreso):
        list(ingest([item("c0", text=SPAM), item("c1", text=SPAM)]))
        (elsewhere,) = ingest([item("c2", text=SPAM, channel="tyreso-instagram")])
        assert not spam_codes(elsewhere)


class TestDeadlines:
    def test_backlog_deadlines_are_computed_per_receipt_date(self, tyreso, frozen_receipt):
        from civicdesk.inbox.triage.deadlines import due_at

        frozen_receipt(datetime(2026, 7, 1, 9, 0, tzinfo=STOCKHOLM))
        # Around midnight in Stockholm (not in UTC) and over Midsummer Eve (Friday 19 June).
        moments = {
            "2026-06-16T23:30:00+02:00": "2026-06-17T17:00:00+02:00",
            "2026-06-17T00:30:00+02:00": "2026-06-18T17:00:00+02:00",
            "2026-06-17T21:59:00+00:00": "2026-06-18T17:00:00+02:00",
            "2026-06-17T22:01:00+00:00": "2026-06-22T17:00:00+02:00",
            "2026-06-22T08:00:00+02:00": "2026-06-23T17:00:00+02:00",
        }
        batch = [
            item(f"d{n}", text=f"Hej! När öppnar återvinningscentralen {n}?", created_at=at)
            for n, at in enumerate(moments)
        ]
        outcomes = list(ingest(batch, received_as_created=True))
        for outcome, promised in zip(outcomes, moments.values(), strict=True):
            stored = Item.objects.get(pk=outcome.item.pk)
            expected = due_at(
                stored.received_at, country="SE", timezone="Europe/Stockholm", working_days=1
            )
            assert stored.due_at == expected == datetime.fromisoformat(promised)
