"""Fixtures for the staff pages: the demo organisations with one login per role, and items."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from civicdesk.demo.services import create_demo_logins, load_seed_packs
from civicdesk.inbox.ingest import ingest

HOSTILE = (
    '<script>alert("x")</script><img src=x onerror=alert(1)> '
    "Ring mig på 070-123 45 67 eller se javascript:alert(2) och https://evil.example/a?b=<c>"
)


def incoming(channel: str, external_id: str, text: str, **extra) -> dict:
    data = {
        "channel": channel,
        "external_id": external_id,
        "kind": "comment",
        "visibility": "public",
        "author": {"id": "5647382910", "name": "Anna Andersson", "handle": None},
        "text": text,
        "created_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "in_reply_to": "post-1",
        "url": "https://www.facebook.com/tyreso/posts/1",
        "media": [],
        "language": None,
    }
    data.update(extra)
    return data


def take_in(*items: dict):
    """Ingest items as the system and return them, failing loudly on any rejection."""
    outcomes = list(ingest(list(items)))
    errors = [o.error.message for o in outcomes if o.error]
    assert not errors, errors
    return [o.item for o in outcomes]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The demo creates dozens of logins; the production hasher would take seconds for each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The four seed organisations and their demo logins: {username: user}."""
    users = {}
    for organisation in load_seed_packs():
        for login in create_demo_logins(organisation):
            users[login.username] = get_user_model().objects.get(username=login.username)
    return users


@pytest.fixture
def tyreso_items(demo):
    """A question, a fault report, an abusive comment, a hostile text and a private message."""
    return dict(
        zip(
            ["question", "fault", "abusive", "hostile", "private"],
            take_in(
                incoming("tyreso-facebook", "q-1", "Hej! När öppnar återvinningscentralen?"),
                incoming(
                    "tyreso-facebook", "f-1", "Gatlampan på Bollmoravägen 12 är trasig sedan i går."
                ),
                incoming(
                    "tyreso-facebook",
                    "a-1",
                    "Ni är idioter allihop, jävla pack.",
                    in_reply_to="q-1",
                ),
                incoming("tyreso-facebook", "h-1", HOSTILE),
                incoming(
                    "tyreso-facebook",
                    "m-1",
                    "Hej, jag vill anmäla min granne för bygglovsbrott.",
                    kind="message",
                    visibility="private",
                    in_reply_to=None,
                ),
            ),
            strict=True,
        )
    )


@pytest.fixture
def bo_item(demo):
    channel = demo_channel("bo")
    (item,) = take_in(incoming(channel, "bo-1", "Kva tid opnar symjehallen att? BØ-HEMMELEG-7731"))
    return item


def demo_channel(org: str) -> str:
    from civicdesk.registry.models import Channel

    return (
        Channel.objects.filter(organisation__slug=org, status="active")
        .order_by("slug")
        .values_list("slug", flat=True)
        .first()
    )


@pytest.fixture
def comms_client(client, demo, settings):
    """Tyresö's communications chief, reading the pages in English (chosen, not the default)."""
    client.force_login(demo["tyreso-comms"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
