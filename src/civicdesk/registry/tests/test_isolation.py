"""One instance, many organisations: nobody reads or changes another organisation's channels."""

import pytest
from django.test import Client

from civicdesk.api.tokens import create_token
from civicdesk.conftest import make_staff
from civicdesk.core.exceptions import NotFound
from civicdesk.registry import services
from civicdesk.registry.credentials import reveal_credentials, set_credentials
from civicdesk.registry.models import Channel

pytestmark = pytest.mark.django_db


class TestServiceLayer:
    def test_channels_for_lists_only_own_organisation(self, tyreso_info, bo_info):
        slugs = set(services.channels_for(tyreso_info).values_list("slug", flat=True))
        assert "tyreso-facebook" in slugs
        assert not any(s.startswith("bo-") for s in slugs)

    def test_other_organisations_channel_is_not_found(self, tyreso_info, bo):
        with pytest.raises(NotFound):
            services.access_channel(tyreso_info, "bo-facebook")

    def test_filtering_by_another_organisation_gives_nothing(self, tyreso_info, bo):
        assert not services.channels_for(tyreso_info, "bo").exists()

    def test_cannot_close_another_organisations_channel(self, tyreso_info, bo):
        channel = Channel.objects.get(slug="bo-facebook")
        with pytest.raises(Exception) as error:
            services.close_channel(tyreso_info, channel, reason="no")
        assert "information unit" in str(error.value)
        assert Channel.objects.get(slug="bo-facebook").status == "active"

    def test_cannot_set_or_reveal_another_organisations_credentials(self, tyreso_info, bo, bo_info):
        channel = Channel.objects.get(slug="bo-facebook")
        set_credentials(bo_info, channel, username="bo", password="Hemmeleg-1")
        with pytest.raises(Exception, match="Only"):
            reveal_credentials(tyreso_info, channel, reason="curious")
        with pytest.raises(Exception, match="Only"):
            set_credentials(tyreso_info, channel, username="x", password="y")

    def test_anonymous_sees_nothing(self, tyreso):
        from django.contrib.auth.models import AnonymousUser

        assert not services.channels_for(AnonymousUser()).exists()


class TestApi:
    def test_api_list_is_scoped_by_token(self, tyreso_info, bo_info):
        token = create_token("t-info")
        response = Client().get("/api/channels", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200
        orgs = {c["organisation"] for c in response.json()}
        assert orgs == {"tyreso"}

    def test_api_detail_of_other_organisation_is_404(self, tyreso_info, bo_info):
        token = create_token("t-info")
        response = Client().get("/api/channels/bo-facebook", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

    def test_api_with_session_is_scoped(self, tyreso_info, bo_info):
        client = Client()
        client.force_login(bo_info)
        assert client.get("/api/channels/tyreso-facebook").status_code == 404
        assert client.get("/api/channels/bo-facebook").status_code == 200


class TestAdmin:
    def test_admin_changelist_shows_own_channels_only(self, tyreso_info, bo):
        client = Client()
        client.force_login(tyreso_info)
        page = client.get("/admin/registry/channel/").content.decode()
        assert "Tyresö på Facebook" in page
        assert "Bø kommune på Facebook" not in page

    def test_admin_change_page_of_other_organisation_is_refused(self, tyreso_info, bo):
        client = Client()
        client.force_login(tyreso_info)
        channel = Channel.objects.get(slug="bo-facebook")
        response = client.get(f"/admin/registry/channel/{channel.pk}/change/")
        assert response.status_code in (302, 403, 404)
        assert "Bø kommune på Facebook" not in response.content.decode()

    def test_admin_refuses_staff_without_a_register_role(self, tyreso):
        teacher = make_staff(tyreso, "t-teacher", "teacher", is_staff=True)
        client = Client()
        client.force_login(teacher)
        assert client.get("/admin/registry/channel/").status_code == 403

    def test_admin_post_cannot_move_channel_to_other_organisation(self, tyreso_info, bo):
        client = Client()
        client.force_login(tyreso_info)
        channel = Channel.objects.get(slug="bo-facebook")
        client.post(f"/admin/registry/channel/{channel.pk}/change/", {"name": "hijacked"})
        assert Channel.objects.get(slug="bo-facebook").name == "Bø kommune på Facebook"
