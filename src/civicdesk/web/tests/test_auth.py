import pytest
from django.urls import reverse

PROTECTED = [
    "web:inbox",
    "web:inbox-rows",
    "web:channels",
    "web:channel-propose",
    "web:diary",
    "web:dashboard",
]


class TestLogin:
    def test_login_page_renders_a_labelled_form(self, client, db):
        response = client.get(reverse("web:login"))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'for="id_username"' in html and 'for="id_password"' in html
        assert "csrfmiddlewaretoken" in html

    def test_a_demo_user_logs_in_and_lands_in_the_inbox(self, client, demo):
        response = client.post(
            reverse("web:login"), {"username": "tyreso-comms", "password": "demo"}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("web:inbox")
        assert client.get(reverse("web:inbox")).status_code == 200

    def test_a_wrong_password_is_refused(self, client, demo):
        response = client.post(reverse("web:login"), {"username": "tyreso-comms", "password": "x"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_repeated_failures_lock_the_login(self, client, demo, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("web:login"), {"username": "tyreso-comms", "password": "x"})
        response = client.post(
            reverse("web:login"), {"username": "tyreso-comms", "password": "demo"}
        )
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_logout_needs_a_post_and_ends_the_session(self, comms_client):
        assert comms_client.get(reverse("web:logout")).status_code == 405
        response = comms_client.post(reverse("web:logout"))
        assert response.status_code == 302
        assert "_auth_user_id" not in comms_client.session


class TestAnonymous:
    @pytest.mark.parametrize("name", PROTECTED)
    def test_every_page_sends_anonymous_users_to_log_in(self, client, db, name):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:login"))
