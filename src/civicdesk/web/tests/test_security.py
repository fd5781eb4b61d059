import re

from django.test import Client
from django.urls import reverse

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)


def _pages(items) -> list[str]:
    return [
        "/",
        reverse("web:inbox"),
        reverse("web:item", args=[items["hostile"].pk]),
        reverse("web:item", args=[items["abusive"].pk]),
        reverse("web:channels"),
        reverse("web:channel", args=["tyreso-facebook"]),
        reverse("web:channel-propose"),
        reverse("web:diary"),
        reverse("web:dashboard"),
    ]


class TestContentSecurityPolicy:
    def test_every_page_has_a_strict_policy_and_no_inline_code(self, comms_client, tyreso_items):
        for url in _pages(tyreso_items):
            response = comms_client.get(url)
            assert response.status_code == 200, url
            policy = response["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
            assert "frame-ancestors 'none'" in policy
            html = response.content.decode()
            assert not INLINE_SCRIPT.search(html), url
            assert not INLINE_HANDLER.search(html), url
            assert not STYLE_ATTRIBUTE.search(html), url
            assert "<style" not in html, url

    def test_the_login_page_too(self, client, db):
        response = client.get(reverse("web:login"))
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert not INLINE_SCRIPT.search(response.content.decode())


class TestCsrf:
    def test_every_form_carries_a_token(self, comms_client, tyreso_items):
        for url in _pages(tyreso_items):
            html = comms_client.get(url).content.decode()
            posts = len(re.findall(r'<form[^>]*method="post"', html))
            assert html.count('name="csrfmiddlewaretoken"') >= posts, url

    def test_a_post_without_the_token_is_refused(self, demo, tyreso_items):
        client = Client(enforce_csrf_checks=True)
        client.force_login(demo["tyreso-comms"])
        item = tyreso_items["question"]
        response = client.post(reverse("web:item-close", args=[item.pk]))
        assert response.status_code == 403
        item.refresh_from_db()
        assert item.status != "closed"


class TestAccessibleMarkup:
    def test_landmarks_skip_link_and_labels(self, comms_client, tyreso_items):
        for url in _pages(tyreso_items):
            html = comms_client.get(url).content.decode()
            assert '<a class="skip-link" href="#main">' in html, url
            assert '<main id="main"' in html and "<header" in html and "<footer" in html, url
            assert re.search(r'<html lang="[a-z]{2}">', html), url
            for control in re.findall(r"<(?:select|textarea|input)\b[^>]*>", html):
                if 'type="hidden"' in control or 'type="submit"' in control:
                    continue
                found = re.search(r'id="([^"]+)"', control)
                assert found, f"{url}: control without id {control}"
                assert f'for="{found.group(1)}"' in html, f"{url}: no label for {control}"
