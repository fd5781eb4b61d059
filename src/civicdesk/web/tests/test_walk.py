"""Every URL of the staff app, as every demo role of two organisations and as anonymous.

No request may fail with a server error, and nobody may see (or change) the other
organisation's items, channels or diary.
"""

from django.urls import URLResolver, reverse

from civicdesk.inbox.models import Item
from civicdesk.organisations.roles import DEMO_LOGIN_SUFFIX
from civicdesk.registry.models import Channel
from civicdesk.web import urls as web_urls
from civicdesk.web.tests.conftest import demo_channel, incoming, take_in
from civicdesk.web.tests.test_exports import written_job

MARKER = {"tyreso": "TYRESO-HEMLIG-4411", "bo": "BO-HEMMELEG-7731"}


def _cases(
    items: dict[str, Item], channels: dict[str, str], jobs: dict[str, int]
) -> list[tuple[str, str, dict]]:
    """(method, url, data) for every route; fails when a route has no case here."""
    cases = [
        ("get", reverse("web:login"), {}),
        ("post", reverse("web:logout"), {}),
        ("post", reverse("web:set_language"), {"language": "nb", "next": "/inbox/"}),
        ("get", reverse("web:inbox"), {}),
        ("get", reverse("web:inbox"), {"status": "", "overdue": "yes", "q": "HEMLIG"}),
        ("get", reverse("web:inbox-rows"), {"status": ""}),
        ("get", reverse("web:channels"), {}),
        ("get", reverse("web:channel-propose"), {}),
        ("get", reverse("web:diary"), {}),
        ("get", reverse("web:dashboard"), {}),
        ("get", reverse("web:records-requests"), {}),
        ("get", reverse("web:exports"), {}),
        ("post", reverse("web:exports"), {"format": "json"}),
        ("post", reverse("web:records-requests"), {"query": "walk"}),
        ("get", reverse("web:records-request-file", args=["20260101T000000-x", "items.json"]), {}),
    ]
    for org, item in items.items():
        cases += [
            ("get", reverse("web:item", args=[item.pk]), {}),
            ("post", reverse("web:bulk"), {"items": [item.pk], "action": "close"}),
            ("post", reverse("web:item-reply", args=[item.pk]), {"text": "walk"}),
            ("post", reverse("web:item-assign", args=[item.pk]), {"person": "1"}),
            ("post", reverse("web:item-forward", args=[item.pk]), {"unit": "1"}),
            ("post", reverse("web:item-register", args=[item.pk]), {}),
            ("post", reverse("web:item-acknowledge", args=[item.pk]), {}),
            (
                "post",
                reverse("web:item-moderate", args=[item.pk]),
                {"action": "hide", "reason": "walk"},
            ),
            ("post", reverse("web:item-close", args=[item.pk]), {}),
            ("get", reverse("web:diary"), {"org": org}),
            ("get", reverse("web:dashboard"), {"org": org}),
            ("get", reverse("web:channels"), {"org": org}),
            ("get", reverse("web:export-download", args=[jobs[org]]), {}),
        ]
    for slug in channels.values():
        cases += [
            ("get", reverse("web:channel", args=[slug]), {}),
            ("post", reverse("web:channel-approve", args=[slug]), {"reason": "walk"}),
            ("post", reverse("web:channel-step", args=[slug]), {"step": "close", "reason": "w"}),
        ]
    cases.append(("post", reverse("web:channel-propose"), {"name": "x", "purpose": "y"}))
    return cases


def _route_names(patterns, prefix="web:") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= {f"{prefix}{p.name}" for p in pattern.url_patterns if p.name}
        elif pattern.name:
            names.add(f"{prefix}{pattern.name}")
    return names


def test_every_route_is_walked():
    covered = {
        "web:login",
        "web:logout",
        "web:set_language",
        "web:inbox",
        "web:inbox-rows",
        "web:bulk",
        "web:item",
        "web:item-reply",
        "web:item-assign",
        "web:item-forward",
        "web:item-register",
        "web:item-acknowledge",
        "web:item-moderate",
        "web:item-close",
        "web:channels",
        "web:channel-propose",
        "web:channel",
        "web:channel-approve",
        "web:channel-step",
        "web:diary",
        "web:records-requests",
        "web:exports",
        "web:export-download",
        "web:records-request-file",
        "web:dashboard",
    }
    assert _route_names(web_urls.urlpatterns) == covered


def test_walk_every_url_as_every_role(client, demo, settings, tmp_path):
    settings.AXES_ENABLED = False
    settings.DATA_DIR = tmp_path
    items = {
        "tyreso": take_in(incoming("tyreso-facebook", "walk-t", f"Fråga {MARKER['tyreso']}"))[0],
        "bo": take_in(incoming(demo_channel("bo"), "walk-b", f"Spørsmål {MARKER['bo']}"))[0],
    }
    channels = {"tyreso": "tyreso-facebook", "bo": demo_channel("bo")}
    channel_names = {org: Channel.objects.get(slug=slug).name for org, slug in channels.items()}
    jobs = {
        org: written_job(demo[f"{org}-registrar"], org, {"package.json": MARKER[org].encode()}).pk
        for org in ("tyreso", "bo")
    }
    cases = _cases(items, channels, jobs)
    users = [None] + [
        f"{org}-{suffix}" for org in ("tyreso", "bo") for suffix in DEMO_LOGIN_SUFFIX.values()
    ]
    for username in users:
        client.logout()
        if username:
            client.force_login(demo[username])
        own = username.split("-")[0] if username else None
        for method, url, data in cases:
            if username and method == "post" and url == reverse("web:logout"):
                continue  # stay signed in for the rest of the walk
            response = getattr(client, method)(url, data)
            where = f"{username or 'anonymous'} {method.upper()} {url} {data}"
            assert response.status_code < 500, where
            if username is None:
                allowed = (
                    url == reverse("web:login") or "i18n" in url or url == reverse("web:logout")
                )
                assert allowed or response.status_code == 302, where
                if not allowed:
                    assert response["Location"].startswith(reverse("web:login")), where
            if response.streaming:
                body = b"".join(response.streaming_content).decode(errors="replace")
            else:
                body = response.content.decode()
            for org in ("tyreso", "bo"):
                if org != own:
                    assert MARKER[org] not in body, f"{where} shows {org}'s item"
                    assert channel_names[org] not in body, f"{where} shows {org}'s channel"
    for org, item in items.items():
        item.refresh_from_db()
        others = {r.author.organisation.slug for r in item.replies.select_related("author")}
        assert others <= {org}, f"someone outside {org} replied to its item"
        actors = item.changes.exclude(actor=None).values_list("actor__username", flat=True)
        assert {name.split("-")[0] for name in actors} <= {org}, f"{org}'s item changed by others"
