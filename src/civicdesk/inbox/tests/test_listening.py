"""Listening (I10): mentions and the pack's watched phrases, per organisation, in API and pages."""

import pytest
from django.test import Client

from civicdesk.api.tokens import create_token
from civicdesk.conftest import load_seed, make_staff
from civicdesk.inbox.access import visible_items
from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.listening import listening
from civicdesk.inbox.models import Item
from civicdesk.inbox.tests.conftest import item
from civicdesk.organisations.models import Person, RoleAssignment


@pytest.fixture
def klim_op(db):
    return load_seed("klim-op.toml")


def klim_op_item(external_id: str, text: str, **extra) -> dict:
    return item(
        external_id,
        text,
        channel="klim-op-facebook",
        url="https://www.facebook.com/klimop/posts/1",
        language="nl",
        **extra,
    )


@pytest.fixture
def klim_op_inbox(klim_op):
    """A comment naming the school, a mention without the name, and two that listening skips."""
    list(
        ingest(
            [
                klim_op_item("1_1", "Wat een mooie musical bij De Klim-op Haaren gisteren!"),
                klim_op_item("1_2", "Leuk bericht, goed gedaan!", kind="mention", in_reply_to=None),
                klim_op_item("1_3", "Wanneer is de ouderavond van groep 7?"),
                klim_op_item("1_4", "Onze klimopplant groeit over het hek van het plein."),
            ]
        )
    )
    return make_staff(klim_op, "k-comms", "communications_chief")


def external_ids(items) -> set[str]:
    return set(items.values_list("external_id", flat=True))


def test_listening_shows_mentions_and_items_naming_a_watched_phrase(klim_op_inbox):
    assert external_ids(listening(visible_items(klim_op_inbox))) == {"1_1", "1_2"}


def test_a_watched_phrase_is_a_whole_word_not_part_of_a_compound(klim_op_inbox):
    shown = external_ids(listening(visible_items(klim_op_inbox)))
    assert "1_4" not in shown  # "klimopplant" is a plant, not the school
    assert Item.objects.filter(external_id="1_4").exists()


def test_a_phrase_added_to_the_pack_applies_to_items_already_kept(klim_op, klim_op_inbox):
    inbox = dict(klim_op.policy["inbox"])
    inbox["listening_keywords"] = [*inbox["listening_keywords"], "ouderavond"]
    klim_op.policy = {**klim_op.policy, "inbox": inbox}
    klim_op.save(update_fields=["policy"])
    assert external_ids(listening(visible_items(klim_op_inbox))) == {"1_1", "1_2", "1_3"}


def test_one_bodys_watch_list_never_pulls_in_another_bodys_items(klim_op, tyreso, klim_op_inbox):
    list(ingest([item("9_9", "Vi var på besök hos Klim-op i Haaren, fin skola!")]))
    person = Person.objects.create(
        organisation=tyreso,
        key="k-comms",
        user=klim_op_inbox,
        unit=tyreso.units.filter(parent__isnull=True).first(),
    )
    RoleAssignment.objects.create(
        person=person, role="communications_chief", organisation=tyreso, unit=None
    )
    # Tyresö's pack watches for nothing, so its comment naming Klim-op is not listening's.
    assert "9_9" in external_ids(visible_items(klim_op_inbox))
    assert external_ids(listening(visible_items(klim_op_inbox))) == {"1_1", "1_2"}


def test_listening_keeps_private_messages_to_those_allowed_to_read_them(klim_op, klim_op_inbox):
    list(
        ingest(
            [
                klim_op_item(
                    "2_1",
                    "Vraagje over De Klim-op: mijn zoon is ziek.",
                    kind="message",
                    visibility="private",
                    in_reply_to=None,
                )
            ]
        )
    )
    teacher = make_staff(klim_op, "k-teacher", "teacher")
    assert "2_1" not in external_ids(listening(visible_items(teacher)))
    assert "2_1" not in external_ids(listening(visible_items(klim_op_inbox)))


def test_the_api_filters_the_inbox_to_listening(klim_op_inbox):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {create_token('k-comms')}")
    response = client.get("/api/items", {"listening": "true"})
    assert response.status_code == 200
    body = response.json()
    results = body["results"] if isinstance(body, dict) else body
    assert {row["external_id"] for row in results} == {"1_1", "1_2"}


def test_the_inbox_page_filters_to_listening(klim_op_inbox):
    client = Client()
    client.force_login(klim_op_inbox)
    response = client.get("/inbox/", {"listening": "yes", "status": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "musical bij De Klim-op" in page
    assert "ouderavond" not in page
