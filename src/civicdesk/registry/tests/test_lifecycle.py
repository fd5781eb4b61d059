"""A channel's life (R1, R2, R5, R6): proposed → approved → active → dormant → closed."""

import pytest

from civicdesk.conftest import make_staff
from civicdesk.core.exceptions import Conflict, InvalidInput, PermissionDenied
from civicdesk.organisations.models import Person, Unit
from civicdesk.registry import services
from civicdesk.registry.models import Channel, ChannelEvent, ChannelStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def sbf(tyreso):
    return Unit.objects.get(slug="tyreso-samhallsbyggnad")


@pytest.fixture
def proposed(tyreso, sbf):
    case_officer = make_staff(tyreso, "t-case", "case_officer", sbf, scoped=True)
    return services.propose_channel(
        case_officer,
        tyreso,
        slug="tyreso-x-snow",
        name="Snöröjning i Tyresö",
        platform="x",
        address="https://x.com/tyresosno",
        owning_unit=sbf,
        purpose="Information om snöröjning och halkbekämpning.",
    )


@pytest.fixture
def comms(tyreso):
    return Person.objects.get(organisation=tyreso, key="comms")


class TestPropose:
    def test_proposal_needs_a_purpose(self, tyreso, tyreso_info, sbf):
        with pytest.raises(InvalidInput, match="purpose"):
            services.propose_channel(
                tyreso_info,
                tyreso,
                slug="tyreso-new",
                name="New",
                platform="x",
                address="https://x.com/n",
                owning_unit=sbf,
                purpose="  ",
            )

    def test_proposal_is_recorded(self, proposed):
        assert proposed.status == ChannelStatus.PROPOSED
        event = proposed.events.get()
        assert (event.kind, event.to_status) == (ChannelEvent.Kind.PROPOSED, "proposed")
        assert event.actor.username == "t-case"

    def test_outsider_cannot_propose(self, tyreso, bo_info, sbf):
        with pytest.raises(Exception, match="No organisation"):
            services.propose_channel(
                bo_info,
                tyreso,
                slug="tyreso-evil",
                name="Evil",
                platform="x",
                address="https://x.com/e",
                owning_unit=sbf,
                purpose="p",
            )


class TestApprove:
    def test_unit_head_approves_after_consulting_comms_chief(self, tyreso, proposed, comms, sbf):
        head = make_staff(tyreso, "t-sbf-head", "unit_head", sbf, scoped=True)
        channel = services.approve_channel(head, proposed, consulted=comms, reason="Vinterns behov")
        assert channel.status == ChannelStatus.APPROVED
        event = channel.events.get(kind=ChannelEvent.Kind.APPROVED)
        assert (event.actor, event.consulted, event.reason) == (head, comms, "Vinterns behov")

    def test_head_of_a_unit_above_may_approve(self, tyreso, proposed, comms):
        top = Unit.objects.get(slug="tyreso-kommun")
        director = make_staff(tyreso, "t-director", "unit_head", top, scoped=True)
        assert (
            services.approve_channel(director, proposed, consulted=comms, reason="ok").status
            == "approved"
        )

    def test_head_of_another_unit_may_not_approve(self, tyreso, proposed, comms):
        culture = Unit.objects.get(slug="tyreso-kultur-fritid")
        head = make_staff(tyreso, "t-kof", "unit_head", culture, scoped=True)
        with pytest.raises(PermissionDenied, match="R2"):
            services.approve_channel(head, proposed, consulted=comms, reason="ok")

    def test_approval_without_consultation_is_refused(self, tyreso, proposed, sbf):
        head = make_staff(tyreso, "t-sbf-head", "unit_head", sbf, scoped=True)
        with pytest.raises(InvalidInput, match="consulted"):
            services.approve_channel(head, proposed, consulted=None, reason="ok")
        not_comms = Person.objects.get(organisation=tyreso, key="web")
        with pytest.raises(InvalidInput, match="communications chief"):
            services.approve_channel(head, proposed, consulted=not_comms, reason="ok")
        assert Channel.objects.get(pk=proposed.pk).status == ChannelStatus.PROPOSED

    def test_teaching_channel_is_decided_by_the_principal(self, tyreso):
        school = Unit.objects.get(slug="tyreso-skola-granangen")
        teacher = make_staff(tyreso, "t-teach", "teacher", school, scoped=True)
        channel = services.propose_channel(
            teacher,
            tyreso,
            slug="tyreso-klass-6b",
            name="Klass 6B",
            platform="blog",
            address="https://6b.example",
            owning_unit=school,
            purpose="Klassens arbete",
            teaching=True,
        )
        head = make_staff(
            tyreso,
            "t-bou-head",
            "unit_head",
            Unit.objects.get(slug="tyreso-barn-utbildning"),
            scoped=True,
        )
        with pytest.raises(PermissionDenied):
            services.approve_channel(head, channel, consulted=None, reason="ok")
        principal = make_staff(tyreso, "t-rektor", "principal", school, scoped=True)
        assert (
            services.approve_channel(principal, channel, consulted=None, reason="ok").status
            == "approved"
        )


class TestLaterSteps:
    def test_full_life_is_recorded_in_order(self, tyreso, tyreso_info, proposed, comms, sbf):
        head = make_staff(tyreso, "t-sbf-head", "unit_head", sbf, scoped=True)
        services.approve_channel(head, proposed, consulted=comms, reason="ok")
        services.activate_channel(tyreso_info, proposed)
        services.mark_dormant(tyreso_info, proposed, reason="Sommaruppehåll")
        services.activate_channel(tyreso_info, proposed)
        services.close_channel(tyreso_info, proposed, reason="Ersatt av Facebook")
        kinds = list(proposed.events.values_list("kind", flat=True))
        assert kinds == ["proposed", "approved", "activated", "dormant", "reactivated", "closed"]
        assert Channel.objects.get(pk=proposed.pk).status == ChannelStatus.CLOSED

    def test_a_proposal_cannot_skip_approval(self, tyreso_info, proposed):
        with pytest.raises(Conflict):
            services.activate_channel(tyreso_info, proposed)

    def test_closed_is_final(self, tyreso_info, proposed):
        services.close_channel(tyreso_info, proposed, reason="Not needed")
        with pytest.raises(Conflict):
            services.activate_channel(tyreso_info, proposed)

    def test_closing_needs_a_reason(self, tyreso_info, tyreso):
        channel = Channel.objects.get(slug="tyreso-youtube")
        with pytest.raises(InvalidInput):
            services.close_channel(tyreso_info, channel, reason="")

    def test_purpose_review_is_recorded(self, tyreso_info, tyreso):
        channel = Channel.objects.get(slug="tyreso-youtube")
        services.review_purpose(tyreso_info, channel, purpose="Samla filmer om Tyresö.")
        assert channel.purpose == "Samla filmer om Tyresö."
        event = channel.events.get(kind=ChannelEvent.Kind.PURPOSE_REVIEWED)
        assert event.reason.startswith("Purpose changed.")


class TestRegisterIsARecord:
    def test_activating_and_closing_register_the_register_in_the_diary(self, tyreso_info, tyreso):
        from civicdesk.records.models import DiaryEntry

        channel = Channel.objects.get(slug="tyreso-youtube")
        services.close_channel(tyreso_info, channel, reason="Flyttat till webben")
        entry = DiaryEntry.objects.get(reason=DiaryEntry.Reason.REGISTER)
        assert entry.title.startswith("Förteckning över officiella kanaler")
        assert "Tyresö kommun på YouTube (closed)" in entry.title
        assert entry.number.startswith("KS ")

    def test_pack_can_turn_it_off(self, tyreso_info, tyreso):
        from civicdesk.records.models import DiaryEntry

        tyreso.policy["register"]["register_in_diary"] = False
        tyreso.save()
        channel = Channel.objects.get(slug="tyreso-youtube")
        services.close_channel(tyreso_info, channel, reason="Flyttat till webben")
        assert not DiaryEntry.objects.exists()


class TestCredentialsCommand:
    def test_set_and_reveal_through_the_command(self, tyreso_info, tyreso, monkeypatch, capsys):
        import io

        from django.core.management import call_command

        monkeypatch.setattr("sys.stdin", io.StringIO("S3cret-pass!\n"))
        call_command(
            "credentials", "set", "tyreso-youtube", "--user", "t-info", "--username", "tyreso"
        )
        assert "S3cret-pass!" not in capsys.readouterr().out
        call_command(
            "credentials",
            "reveal",
            "tyreso-youtube",
            "--user",
            "t-info",
            "--reason",
            "Administrator sick",
        )
        assert "password: S3cret-pass!" in capsys.readouterr().out
        assert (
            Channel.objects.get(slug="tyreso-youtube")
            .events.filter(kind=ChannelEvent.Kind.CREDENTIALS_REVEALED, reason="Administrator sick")
            .exists()
        )

    def test_command_refuses_other_roles(self, tyreso, capsys):
        from django.core.management import call_command

        make_staff(tyreso, "t-teacher2", "teacher")
        with pytest.raises(SystemExit):
            call_command(
                "credentials",
                "reveal",
                "tyreso-youtube",
                "--user",
                "t-teacher2",
                "--reason",
                "curious",
            )
        assert "Only" in capsys.readouterr().err
