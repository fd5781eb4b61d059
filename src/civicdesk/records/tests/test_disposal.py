"""Disposal (A2): the pack's rule culls only minor items, removed or registered items never go
without a person's decision, a legal hold refuses disposal, and every disposal is logged."""

from datetime import timedelta

import pytest
from django.utils import timezone

from civicdesk.conftest import make_staff
from civicdesk.core.exceptions import Conflict, InvalidInput, PermissionDenied
from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.models import Item, ItemVersion, RecordStatus
from civicdesk.records import log
from civicdesk.records.disposal import cull_due, dispose, place_hold, release_hold
from civicdesk.records.models import Disposal, LegalHold, LogEntry

OLD = timezone.now() - timedelta(days=400)


def comment(n: int, text: str = "Tack för bra information om biblioteket!", **extra) -> dict:
    return {
        "channel": "tyreso-facebook",
        "external_id": f"old-{n}",
        "kind": "comment",
        "visibility": "public",
        "author": {"id": str(n), "name": f"Invånare {n}", "handle": None},
        "text": text,
        "created_at": OLD.isoformat(),
        **extra,
    }


def ingest_old(*raw) -> list[Item]:
    outcomes = list(ingest(list(raw), received_as_created=True))
    assert all(o.error is None for o in outcomes), [o.error for o in outcomes]
    return [Item.objects.get(pk=o.item.pk) for o in outcomes]


@pytest.fixture
def registrar(tyreso):
    return make_staff(tyreso, "t-registrar", "registrar")


class TestRule:
    def test_old_minor_comments_are_culled_emptied_and_logged(self, tyreso):
        (item,) = ingest_old(comment(1))
        assert cull_due(tyreso) == 1
        item.refresh_from_db()
        assert item.record_status == RecordStatus.CULLED
        assert item.text == "" and item.author_name == ""
        assert ItemVersion.objects.get(item=item).payload == {}
        disposal = Disposal.objects.get(item=item)
        assert disposal.rule == "records.cull_minor_after_days"
        logged = LogEntry.objects.get(event="disposal.executed")
        assert logged.object_ref == f"item:{item.pk}"
        assert log.verify().intact

    def test_recent_registered_and_removed_items_are_kept(self, tyreso):
        recent = comment(2, created_at=timezone.now().isoformat())
        private = comment(3, kind="message", visibility="private")
        removed = comment(4, text="Du är en jävla idiot och borde sparkas, ditt svin")
        items = ingest_old(recent, private, removed)
        assert items[1].diary_number, "a private message is registered (I1)"
        assert items[2].moderation_action in ("hide", "remove")
        assert cull_due(tyreso) == 0
        assert not Item.objects.filter(record_status=RecordStatus.CULLED).exists()

    def test_a_pack_that_keeps_everything_culls_nothing(self, bo, tyreso):
        assert bo.policy["records"]["cull_minor_after_days"] == 0
        assert cull_due(bo) == 0

    def test_culling_twice_changes_nothing(self, tyreso):
        ingest_old(comment(5), comment(6))
        assert cull_due(tyreso) == 2
        assert cull_due(tyreso) == 0
        assert Disposal.objects.count() == 2


class TestLegalHold:
    def test_a_disposal_under_legal_hold_is_refused(self, tyreso, registrar):
        (item,) = ingest_old(comment(7))
        place_hold(registrar, tyreso, "Begäran från JO, dnr 123-2026", item=item)
        with pytest.raises(Conflict, match="legal hold"):
            dispose(registrar, item, "Av ringa betydelse")
        item.refresh_from_db()
        assert item.record_status != RecordStatus.CULLED and item.text
        assert not Disposal.objects.exists()

    def test_the_rule_skips_items_under_a_channel_or_organisation_hold(self, tyreso, registrar):
        ingest_old(comment(8), comment(9))
        hold = place_hold(
            registrar, tyreso, "Tvist", channel=tyreso.channels.get(slug="tyreso-facebook")
        )
        assert cull_due(tyreso) == 0
        release_hold(registrar, hold)
        org_hold = place_hold(registrar, tyreso, "Revision")
        assert cull_due(tyreso) == 0
        release_hold(registrar, org_hold)
        assert cull_due(tyreso) == 2
        events = list(LogEntry.objects.values_list("event", flat=True))
        assert events.count("hold.placed") == 2 and events.count("hold.released") == 2

    def test_a_released_hold_cannot_be_released_again(self, tyreso, registrar):
        hold = place_hold(registrar, tyreso, "Revision")
        release_hold(registrar, hold)
        with pytest.raises(Conflict):
            release_hold(registrar, LegalHold.objects.get(pk=hold.pk))

    def test_only_records_roles_place_holds(self, tyreso):
        teacher = make_staff(tyreso, "t-teacher", "teacher")
        with pytest.raises(PermissionDenied):
            place_hold(teacher, tyreso, "no")

    def test_a_hold_on_another_organisations_item_is_not_found(self, tyreso, bo, registrar):
        from civicdesk.core.exceptions import NotFound

        other = make_staff(bo, "b-registrar", "registrar")
        (item,) = ingest_old(comment(10))
        with pytest.raises(NotFound):
            place_hold(other, bo, "x", item=item)


class TestDecision:
    def test_a_registered_item_goes_only_by_a_reasoned_decision(self, tyreso, registrar):
        (item,) = ingest_old(comment(11, kind="message", visibility="private"))
        with pytest.raises(InvalidInput):
            dispose(registrar, item, "   ")
        disposal = dispose(registrar, item, "Beslut om gallring, dnr KS 2026/99")
        assert disposal.decided_by == registrar and disposal.rule == ""
        assert disposal.content_digest == item.digest
        with pytest.raises(Conflict, match="already"):
            dispose(registrar, item, "again")

    def test_someone_without_a_records_role_cannot_dispose(self, tyreso):
        admin = make_staff(tyreso, "t-chan", "channel_administrator")
        (item,) = ingest_old(comment(12))
        with pytest.raises(PermissionDenied):
            dispose(admin, item, "weg")
        assert not Disposal.objects.exists()
