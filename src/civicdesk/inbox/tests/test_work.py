"""Working on items: the substitute hand-over (I9), signed replies (I5), forwarding, fault
reports (I4), registration (I8), history, and who sees private messages (I1)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from civicdesk.conftest import make_staff
from civicdesk.core.exceptions import NotFound, PermissionDenied
from civicdesk.inbox import work
from civicdesk.inbox.access import access_item, visible_items
from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.models import Item, Status
from civicdesk.inbox.overdue import mark_overdue
from civicdesk.inbox.tests.conftest import item
from civicdesk.organisations.models import Absence, Person, Unit

pytestmark = pytest.mark.django_db


def stored(raw) -> Item:
    (outcome,) = list(ingest([raw]))
    assert outcome.error is None, outcome.error
    return outcome.item


class TestSubstitute:
    def test_item_for_an_absent_person_goes_to_the_substitute(self, tyreso, tyreso_comms):
        info = Person.objects.get(organisation=tyreso, key="info")
        web = Person.objects.get(organisation=tyreso, key="web")
        today = timezone.localdate()
        Absence.objects.create(
            person=info, starts_on=today, ends_on=today + timedelta(days=7), substitute=web
        )
        question = stored(item())
        assignee = work.assign(tyreso_comms, question, info)
        assert assignee == web
        question.refresh_from_db()
        assert question.assignee == web
        fields = list(question.changes.values_list("field", "old", "new"))
        assert ("substitute_for", "info", "web") in fields
        assert ("assignee", "", "web") in fields

    def test_channel_substitute_when_no_one_is_named(self, tyreso, tyreso_comms):
        info = Person.objects.get(organisation=tyreso, key="info")
        today = timezone.localdate()
        Absence.objects.create(person=info, starts_on=today, ends_on=today)
        assert work.assign(tyreso_comms, stored(item()), info).key == "web"

    def test_present_person_keeps_the_item(self, tyreso, tyreso_comms):
        info = Person.objects.get(organisation=tyreso, key="info")
        assert work.assign(tyreso_comms, stored(item()), info) == info


class TestReply:
    def test_reply_is_signed_with_name_title_and_unit(self, tyreso, tyreso_comms):
        tyreso_comms.first_name, tyreso_comms.last_name = "Eva", "Svensson"
        tyreso_comms.save()
        answer = work.reply(tyreso_comms, stored(item()), "Den öppnar klockan 10 på lördag.")
        assert answer.full_text.endswith("Eva Svensson, Communications_Chief, Tyresö kommun")
        question = Item.objects.get()
        assert question.status == Status.ANSWERED
        assert question.changes.filter(field="reply").exists()

    def test_empty_reply_is_refused(self, tyreso, tyreso_comms):
        with pytest.raises(Exception, match="needs text"):
            work.reply(tyreso_comms, stored(item()), "   ")

    def test_teacher_without_inbox_role_cannot_reply(self, tyreso):
        teacher = make_staff(tyreso, "t-teacher", "teacher")
        with pytest.raises(PermissionDenied):
            work.reply(teacher, stored(item()), "Hej")


class TestForwardAndFaults:
    def test_forward_posts_holding_reply_and_mails_the_unit(
        self, tyreso, tyreso_comms, django_capture_on_commit_callbacks
    ):
        unit = Unit.objects.get(slug="tyreso-socialtjanst")
        with django_capture_on_commit_callbacks(execute=True):
            answer = work.forward(tyreso_comms, stored(item()), unit)
        assert answer.text == "Tack för din fråga/synpunkt, vi återkommer med svar."
        assert mail.outbox[0].to == ["socialforvaltningen@tyreso.example"]
        assert Item.objects.get().status == Status.FORWARDED

    def test_fault_report_goes_to_the_fault_report_system(self, tyreso, tyreso_comms):
        report = stored(
            item("light", text="Gatubelysningen på Granängsvägen är trasig sedan i går.")
        )
        work.acknowledge(tyreso_comms, report)
        assert mail.outbox[0].to == ["felanmalan@tyreso.example"]
        assert "Granängsvägen" in mail.outbox[0].body

    def test_register_gives_a_diary_number(self, tyreso, tyreso_comms):
        question = stored(item())
        number = work.register_item(tyreso_comms, question)
        assert number.startswith("KS ")
        assert Item.objects.get().record_status == "registered"


class TestWhoSeesWhat:
    def test_private_messages_only_for_admins_substitute_and_registrars(self, tyreso, bo):
        dm = stored(item("dm", kind="message", visibility="private", text="Hej"))
        public = stored(item("pub"))
        service = make_staff(tyreso, "t-service", "customer_service")
        registrar = make_staff(tyreso, "t-registrar", "registrar")
        web = Person.objects.get(organisation=tyreso, key="web")  # facebook's administrator
        web_user = get_user_model().objects.create_user("t-web", password="pw")
        web.user = web_user
        web.save()
        assert set(visible_items(service)) == {public}
        assert set(visible_items(registrar)) == {public, dm}
        assert dm in set(visible_items(web_user))
        with pytest.raises(NotFound):
            access_item(service, dm.pk)

    def test_other_organisation_sees_nothing(self, tyreso, bo_info):
        stored(item())
        assert not visible_items(bo_info).exists()


class TestOverdue:
    def test_overdue_items_are_marked_and_the_unit_head_told(self, tyreso):
        question = stored(item())
        Item.objects.filter(pk=question.pk).update(due_at=timezone.now() - timedelta(hours=1))
        head = Person.objects.get(organisation=tyreso, key="sbf-head")
        head.email = "chef.sbf@tyreso.example"
        head.save()
        result = mark_overdue()
        assert result.marked == 1
        assert Item.objects.get().overdue_since is not None
        assert "chef.sbf@tyreso.example" in mail.outbox[0].to
        assert mark_overdue().marked == 0


class TestModerationDecision:
    def test_hiding_by_hand_requests_the_platform_and_registers(self, tyreso, tyreso_comms):
        from civicdesk.inbox.models import ModerationDecision

        comment = stored(item("hb", text="Ring mig på mitt privata nummer, fråga efter Lisa"))
        assert comment.moderation_action in ("keep", "hold")
        decision = work.decide_moderation(
            tyreso_comms,
            comment,
            action="hide",
            reason="Privat uppgift om tredje person",
            reason_code="confidential",
        )
        comment.refresh_from_db()
        assert decision.platform_state == ModerationDecision.PlatformState.REQUESTED
        assert decision.overrules
        assert comment.moderation_action == "hide"
        assert comment.route_action == "remove" and comment.due_at is None
        assert comment.record_status == "registered" and comment.diary_number.startswith("KS ")
        assert ("moderation_action", decision.machine_action, "hide") in set(
            comment.changes.values_list("field", "old", "new")
        )

    @pytest.mark.parametrize(
        ("reason_code", "entry_reason"),
        [
            ("bank_account", "confidential"),
            ("personal_id_number", "confidential"),
            ("profanity", "removed"),
        ],
    )
    def test_removing_by_hand_registers_confidential_reasons_as_confidential(
        self, tyreso, tyreso_comms, reason_code, entry_reason
    ):
        from civicdesk.records.models import DiaryEntry

        comment = stored(item(f"rc-{reason_code}", text="Skicka pengarna till mitt konto, tack"))
        work.decide_moderation(
            tyreso_comms, comment, action="remove", reason="Uppgift", reason_code=reason_code
        )
        comment.refresh_from_db()
        entry = DiaryEntry.objects.get(organisation=tyreso, number=comment.diary_number)
        assert entry.reason == entry_reason

    def test_overruling_a_false_positive_keeps_it(self, tyreso, tyreso_comms):
        comment = stored(item("fp", text="Du är en idiot om du missar kulturnatten!"))
        machine = comment.moderation_action
        decision = work.decide_moderation(
            tyreso_comms, comment, action="keep", reason="Skämtsamt, inte ett angrepp"
        )
        comment.refresh_from_db()
        assert comment.moderation_action == "keep"
        assert decision.machine_action == machine
        assert decision.overrules == (machine != "keep")

    def test_a_reason_is_required_and_actions_are_checked(self, tyreso, tyreso_comms):
        comment = stored(item("r"))
        with pytest.raises(Exception, match="say why"):
            work.decide_moderation(tyreso_comms, comment, action="hide", reason=" ")
        with pytest.raises(Exception, match="action must be"):
            work.decide_moderation(tyreso_comms, comment, action="delete", reason="x")
