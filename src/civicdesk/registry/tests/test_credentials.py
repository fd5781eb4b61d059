"""Channel logins (R4): sealed at rest, set and revealed only by the information unit, every
reveal logged, and the secret never in a page, an API response, a log line or an error."""

import logging

import pytest
from django.test import Client

from civicdesk.api.tokens import create_token
from civicdesk.conftest import make_staff
from civicdesk.core.exceptions import InvalidInput, PermissionDenied
from civicdesk.registry.credentials import reveal_credentials, set_credentials
from civicdesk.registry.models import Channel, ChannelEvent

pytestmark = pytest.mark.django_db
SECRET = "Korv-med-Br0d!9931"


@pytest.fixture
def facebook(tyreso):
    return Channel.objects.get(slug="tyreso-facebook")


class TestSealing:
    def test_ciphertext_does_not_contain_the_secret(self, tyreso_info, facebook):
        set_credentials(tyreso_info, facebook, username="tyreso", password=SECRET)
        stored = bytes(Channel.objects.get(pk=facebook.pk).credentials_ciphertext)
        assert SECRET.encode() not in stored
        assert b"tyreso" not in stored

    def test_reveal_returns_the_secret_and_logs_who_and_why(self, tyreso_info, facebook):
        set_credentials(tyreso_info, facebook, username="tyreso", password=SECRET)
        revealed = reveal_credentials(tyreso_info, facebook, reason="Administrator on leave")
        assert revealed["password"] == SECRET
        event = facebook.events.get(kind=ChannelEvent.Kind.CREDENTIALS_REVEALED)
        assert event.actor == tyreso_info
        assert event.reason == "Administrator on leave"

    def test_reveal_needs_a_reason(self, tyreso_info, facebook):
        set_credentials(tyreso_info, facebook, username="tyreso", password=SECRET)
        with pytest.raises(InvalidInput):
            reveal_credentials(tyreso_info, facebook, reason="  ")
        assert not facebook.events.filter(kind=ChannelEvent.Kind.CREDENTIALS_REVEALED).exists()

    def test_channel_administrator_outside_information_unit_cannot_reveal(self, tyreso, facebook):
        admin = make_staff(tyreso, "t-kultur", "channel_administrator")
        with pytest.raises(PermissionDenied):
            reveal_credentials(admin, facebook, reason="please")
        with pytest.raises(PermissionDenied):
            set_credentials(admin, facebook, username="a", password="b")


class TestNeverLeaks:
    def test_secret_absent_from_every_page_response_and_log(self, tyreso_info, facebook, caplog):
        caplog.set_level(logging.DEBUG)
        set_credentials(tyreso_info, facebook, username="tyreso-login", password=SECRET)
        reveal_credentials(tyreso_info, facebook, reason="audit test")
        token = create_token("t-info")
        client = Client()
        client.force_login(tyreso_info)
        urls = [
            "/api/channels",
            "/api/channels/tyreso-facebook",
            "/o/tyreso/channels/",
            "/o/tyreso/channels.json",
            "/o/tyreso/channels.csv",
            "/admin/registry/channel/",
            f"/admin/registry/channel/{facebook.pk}/change/",
            f"/admin/registry/channel/{facebook.pk}/history/",
            "/api/openapi.json",
        ]
        for url in urls:
            response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert response.status_code == 200, url
            assert SECRET.encode() not in body, url
            assert b"tyreso-login" not in body, url
        assert SECRET not in caplog.text
        assert "tyreso-login" not in caplog.text

    def test_errors_do_not_echo_the_secret(self, tyreso_info, facebook):
        with pytest.raises(InvalidInput) as error:
            set_credentials(tyreso_info, facebook, username="", password=SECRET)
        assert SECRET not in str(error.value)
        with pytest.raises(InvalidInput) as error:
            set_credentials(tyreso_info, facebook, username="u", password=SECRET * 100)
        assert SECRET not in str(error.value)

    def test_repr_hides_ciphertext(self, tyreso_info, facebook):
        set_credentials(tyreso_info, facebook, username="tyreso", password=SECRET)
        assert repr(facebook) == "<Channel tyreso-facebook>"
