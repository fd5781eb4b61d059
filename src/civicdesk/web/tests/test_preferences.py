"""The language a user chose is theirs (issue 6): saved, used at every login, org as fallback;
and the services' refusals are shown in it."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from civicdesk.inbox import work
from civicdesk.web import service_text
from civicdesk.web.models import UserPreference


def log_in(client, username: str):
    response = client.post(reverse("web:login"), {"username": username, "password": "demo"})
    assert response.status_code == 302, response.content[:500]
    return client


def lang_of(client, url=None) -> str:
    html = client.get(url or reverse("web:inbox")).content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.fixture(autouse=True)
def no_axes(settings):
    settings.AXES_ENABLED = False


class TestSavedLanguage:
    def test_the_switch_saves_the_choice_for_the_user(self, client, demo, settings):
        log_in(client, "tyreso-comms")
        response = client.post(reverse("web:set_language"), {"language": "nn", "next": "/inbox/"})
        assert response.status_code == 302 and response["Location"] == "/inbox/"
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nn"
        assert UserPreference.objects.get(user=demo["tyreso-comms"]).language == "nn"
        assert lang_of(client) == "nn"

    def test_the_saved_choice_is_used_at_the_next_login_anywhere(self, client, demo, settings):
        log_in(client, "tyreso-comms")
        client.post(reverse("web:set_language"), {"language": "nl", "next": "/inbox/"})
        client.post(reverse("web:logout"))
        # Another browser: no cookie, a browser asking for English.
        other = Client(HTTP_ACCEPT_LANGUAGE="en")
        log_in(other, "tyreso-comms")
        assert lang_of(other) == "nl"
        # Even a language cookie left by someone else in that browser gives way to it.
        shared = Client()
        shared.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
        log_in(shared, "tyreso-comms")
        assert lang_of(shared) == "nl"

    def test_without_a_choice_the_organisations_language_is_used(self, client, demo):
        log_in(client, "tyreso-comms")
        assert lang_of(client) == "sv"
        assert not UserPreference.objects.exists()
        bo = log_in(Client(HTTP_ACCEPT_LANGUAGE="en"), "bo-info")
        assert lang_of(bo) == "nn"

    def test_each_user_keeps_their_own(self, client, demo):
        UserPreference.objects.create(user=demo["tyreso-info"], language="nb")
        log_in(client, "tyreso-comms")
        assert lang_of(client) == "sv"
        assert lang_of(log_in(Client(), "tyreso-info")) == "nb"

    def test_a_choice_made_during_a_session_holds_for_it(self, client, demo):
        log_in(client, "tyreso-comms")
        client.post(reverse("web:set_language"), {"language": "en", "next": "/inbox/"})
        # Even without the cookie, the session knows it.
        client.cookies.clear()
        session_cookie = None
        assert session_cookie is None
        log_in(client, "tyreso-comms")
        assert lang_of(client) == "en"

    def test_anonymous_choice_and_unknown_languages_save_nothing(self, client, demo):
        response = client.post(reverse("web:set_language"), {"language": "nb", "next": "/"})
        assert response.status_code == 302
        log_in(client, "tyreso-comms")
        client.post(reverse("web:set_language"), {"language": "xx", "next": "/inbox/"})
        client.post(reverse("web:set_language"), {"language": "da", "next": "/inbox/"})
        assert not UserPreference.objects.exists()

    def test_the_switch_needs_a_post_with_a_csrf_token(self, demo):
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(demo["tyreso-comms"])
        assert strict.get(reverse("web:set_language")).status_code == 405
        forged = strict.post(reverse("web:set_language"), {"language": "nl", "next": "/"})
        assert forged.status_code == 403
        assert not UserPreference.objects.exists()

    def test_an_outside_next_address_is_not_followed(self, client, demo):
        log_in(client, "tyreso-comms")
        response = client.post(
            reverse("web:set_language"), {"language": "nb", "next": "https://evil.example/"}
        )
        assert "evil.example" not in response["Location"]


class TestSwitcherOnEveryPage:
    @pytest.mark.parametrize(
        "name", ["web:inbox", "web:channels", "web:diary", "web:dashboard", "web:login"]
    )
    def test_each_page_has_the_form(self, client, demo, name):
        if name != "web:login":
            client.force_login(demo["tyreso-comms"])
        html = client.get(reverse(name)).content.decode()
        assert f'action="{reverse("web:set_language")}" method="post"' in html
        assert "csrfmiddlewaretoken" in html
        assert '<label for="language-choice"' in html
        for code in ("en", "sv", "nb", "nn", "nl"):
            assert f'<option value="{code}" lang="{code}"' in html

    def test_error_pages_have_it_too(self, client, demo):
        client.force_login(demo["tyreso-teacher"])
        response = client.get(reverse("web:diary"))
        assert response.status_code == 403
        assert 'id="language-choice"' in response.content.decode()


class TestServiceMessages:
    def test_a_refusal_is_shown_in_the_users_language(self, client, demo, tyreso_items):
        question = tyreso_items["question"]
        work.close(demo["tyreso-comms"], question)
        UserPreference.objects.create(user=demo["tyreso-comms"], language="sv")
        log_in(client, "tyreso-comms")
        response = client.post(
            reverse("web:item-reply", args=[question.pk]), {"text": "Hej"}, follow=True
        )
        html = response.content.decode()
        with translation.override("sv"):
            expected = str(service_text.translate("the item is closed"))
        assert expected != "The item is closed." and expected in html
        assert "the item is closed" not in html

    def test_a_refused_role_is_explained_in_the_users_language(self, client, demo):
        UserPreference.objects.create(user=demo["tyreso-teacher"], language="nb")
        log_in(client, "tyreso-teacher")
        html = client.get(reverse("web:diary")).content.decode()
        assert "may read the diary" not in html
        with translation.override("nb"):
            assert str(service_text.ACTIONS["read the diary"]) in html

    @pytest.mark.parametrize(
        "message",
        [
            "Only a communications chief, information officer, registrar may export the archive.",
            "Only a unit head in Samhällsbyggnad may read the diary.",
            "Only inbox staff of the organisation may work on its items.",
            "Only the information unit or the channel's administrators may close a channel.",
            "Only the unit head of Kultur may approve this channel (R2).",
            "Name the communications chief who was consulted (R2).",
            "The person consulted must be a communications chief (R2).",
            "A proposed channel cannot become active.",
            "a channel needs a purpose (R1)",
            "a reply is at most 8000 characters",
            "the item is closed",
            "Kultur has no mailbox to forward to",
            "already registered as KS 2026/17",
            "say why (the reason is kept with the record)",
            "unknown reason code 'x'",
            "the period ends before it starts",
            "archive validate: no problems",
        ],
    )
    def test_known_messages_are_translated(self, message):
        with translation.override("sv"):
            swedish = service_text.translate(message)
        with translation.override("en"):
            english = service_text.translate(message)
        assert swedish != english
        assert "%(" not in swedish and "%(" not in english

    def test_the_variable_parts_are_kept(self):
        with translation.override("en"):
            text = service_text.translate("already registered as KS 2026/17")
            assert text == "Already registered in the diary as KS 2026/17."
            text = service_text.translate("Only a registrar in Kultur may export the archive.")
            assert text == "Only a registrar in Kultur may export the archive."

    def test_an_unknown_message_is_shown_as_written(self):
        with translation.override("sv"):
            assert service_text.translate("something new went wrong") == "something new went wrong"
