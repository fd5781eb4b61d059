from django.urls import reverse

from civicdesk.organisations.models import Person, RoleAssignment
from civicdesk.registry.models import Channel, ChannelEvent


def _proposal(organisation, unit, **changes) -> dict:
    data = {
        "organisation": organisation.pk,
        "name": "Tyresö bibliotek på Instagram",
        "slug": "tyreso-bibliotek-instagram",
        "platform": "instagram",
        "address": "https://www.instagram.com/tyresobibliotek",
        "owning_unit": unit.pk,
        "purpose": "Visa bibliotekets program och nyheter.",
        "audience": "Låntagare",
        "contact": "bibliotek@tyreso.se",
    }
    data.update(changes)
    return data


def _head_unit(demo):
    assignment = RoleAssignment.objects.get(person__user=demo["tyreso-head"], role="unit_head")
    return assignment.organisation, (
        assignment.unit or assignment.organisation.units.get(parent__isnull=True)
    )


class TestRegisterPages:
    def test_list_shows_only_own_channels(self, comms_client, demo):
        html = comms_client.get(reverse("web:channels")).content.decode()
        assert "tyreso-facebook" in html
        assert not any(
            slug in html
            for slug in Channel.objects.filter(organisation__slug="bo").values_list(
                "slug", flat=True
            )
        )

    def test_status_filter(self, comms_client, demo):
        html = comms_client.get(reverse("web:channels"), {"status": "closed"}).content.decode()
        assert 'href="/channels/tyreso-facebook/"' not in html

    def test_detail_shows_events(self, comms_client, demo):
        channel = Channel.objects.get(slug="tyreso-facebook")
        html = comms_client.get(reverse("web:channel", args=[channel.slug])).content.decode()
        assert channel.purpose.splitlines()[0][:40] in html
        assert channel.events.exists()
        assert '<h2 id="events-heading">' in html

    def test_another_organisations_channel_is_not_found(self, comms_client, demo):
        other = Channel.objects.filter(organisation__slug="bo").first()
        assert comms_client.get(reverse("web:channel", args=[other.slug])).status_code == 404


class TestLaterSteps:
    def test_close_and_reactivate_from_the_channel_page(self, comms_client, demo):
        url = reverse("web:channel-step", args=["tyreso-youtube"])
        comms_client.post(url, {"step": "dormant", "reason": "Sommaruppehåll"})
        assert Channel.objects.get(slug="tyreso-youtube").status == "dormant"
        comms_client.post(url, {"step": "activate", "reason": "Tillbaka"})
        comms_client.post(url, {"step": "close", "reason": "Flyttat"})
        channel = Channel.objects.get(slug="tyreso-youtube")
        assert channel.status == "closed"
        assert list(channel.events.values_list("kind", flat=True))[-3:] == [
            "dormant",
            "reactivated",
            "closed",
        ]
        page = comms_client.get(reverse("web:channel", args=["tyreso-youtube"])).content.decode()
        assert url not in page  # a closed channel has no further steps

    def test_closing_without_a_reason_is_refused(self, comms_client, demo):
        url = reverse("web:channel-step", args=["tyreso-youtube"])
        response = comms_client.post(url, {"step": "close", "reason": ""}, follow=True)
        assert Channel.objects.get(slug="tyreso-youtube").status == "active"
        assert 'class="error"' in response.content.decode()

    def test_a_teacher_cannot_close(self, client, demo):
        client.force_login(demo["tyreso-teacher"])
        client.post(
            reverse("web:channel-step", args=["tyreso-youtube"]), {"step": "close", "reason": "x"}
        )
        assert Channel.objects.get(slug="tyreso-youtube").status == "active"


class TestProposeAndApprove:
    def test_propose_then_approve(self, client, demo, settings):
        organisation, unit = _head_unit(demo)
        client.force_login(demo["tyreso-info"])
        response = client.post(reverse("web:channel-propose"), _proposal(organisation, unit))
        assert response.status_code == 302, response.content.decode()[:2000]
        channel = Channel.objects.get(slug="tyreso-bibliotek-instagram")
        assert channel.status == "proposed"

        chief = Person.objects.filter(
            organisation=organisation, roles__role="communications_chief"
        ).first()
        page = client.get(reverse("web:channel", args=[channel.slug])).content.decode()
        assert reverse("web:channel-approve", args=[channel.slug]) in page

        # The information officer is not the unit head: the service refuses, the page says so.
        refused = client.post(
            reverse("web:channel-approve", args=[channel.slug]),
            {"consulted": chief.pk, "reason": "OK"},
        )
        assert refused.status_code == 400
        channel.refresh_from_db()
        assert channel.status == "proposed"

        client.force_login(demo["tyreso-head"])
        missing = client.post(
            reverse("web:channel-approve", args=[channel.slug]), {"reason": "Beslut"}
        )
        assert missing.status_code == 400
        assert "consulted" in missing.content.decode()
        approved = client.post(
            reverse("web:channel-approve", args=[channel.slug]),
            {"consulted": chief.pk, "reason": "Beslut enligt riktlinjerna"},
        )
        assert approved.status_code == 302
        channel.refresh_from_db()
        assert channel.status == "approved"
        event = channel.events.get(kind=ChannelEvent.Kind.APPROVED)
        assert event.consulted == chief and event.actor == demo["tyreso-head"]

    def test_a_proposal_needs_a_purpose(self, comms_client, demo):
        organisation, unit = _head_unit(demo)
        response = comms_client.post(
            reverse("web:channel-propose"), _proposal(organisation, unit, purpose="")
        )
        assert response.status_code == 400
        assert not Channel.objects.filter(slug="tyreso-bibliotek-instagram").exists()

    def test_the_slug_rule_of_the_service_shows_on_the_field(self, comms_client, demo):
        organisation, unit = _head_unit(demo)
        response = comms_client.post(
            reverse("web:channel-propose"), _proposal(organisation, unit, slug="bibliotek")
        )
        assert response.status_code == 400
        assert "tyreso-" in response.content.decode()
        assert not Channel.objects.filter(slug="bibliotek").exists()

    def test_cannot_propose_for_another_organisation(self, comms_client, demo):
        _, unit = _head_unit(demo)
        bo = Channel.objects.filter(organisation__slug="bo").first().organisation
        response = comms_client.post(
            reverse("web:channel-propose"),
            _proposal(bo, bo.units.first(), slug="bo-ny-kanal"),
        )
        assert response.status_code == 400
        assert not Channel.objects.filter(slug="bo-ny-kanal").exists()
