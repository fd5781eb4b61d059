"""Moderators' decisions become training rows for the classifier (I2; issue 4, point 5)."""

import io

import pytest
from django.core.management import call_command

from civicdesk.conftest import make_staff
from civicdesk.inbox import work
from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.models import Item
from civicdesk.inbox.tests.conftest import item
from civicdesk.moderation import classifier
from civicdesk.moderation.feedback import labelled_decisions
from civicdesk.policy.schema import ABUSE_REASON_CODES

pytestmark = pytest.mark.django_db


def stored(external_id: str, text: str) -> Item:
    list(ingest([item(external_id, text)]))
    return Item.objects.get(external_id=external_id)


@pytest.fixture
def moderator(tyreso):
    return make_staff(tyreso, "t-moderator", "communications_chief")


@pytest.fixture
def decided(moderator):
    """One item hidden for abuse, one abuse flag overruled, one hidden for an ID number."""
    attack = stored("a", "Kommunalrådet är en fullständig pajas som borde skämmas")
    work.decide_moderation(
        moderator, attack, action="hide", reason="Personangrepp", reason_code="personal_attack"
    )
    joke = stored("j", "Du är en idiot om du missar kulturnatten!")
    machine_codes = {reason["code"] for reason in joke.moderation_reasons}
    assert joke.moderation_action != "keep" and machine_codes & ABUSE_REASON_CODES
    work.decide_moderation(moderator, joke, action="keep", reason="Skämtsamt, inte ett angrepp")
    number = stored("p", "Mitt personnummer är 19811218-9876, ring mig")
    work.decide_moderation(
        moderator, number, action="hide", reason="Personnummer", reason_code="personal_id_number"
    )
    return {"attack": attack, "joke": joke, "number": number}


def test_abuse_hidden_by_a_person_and_overruled_flags_become_labelled_rows(decided):
    rows = {row.text: row.offensive for row in labelled_decisions()}
    assert rows == {decided["attack"].text: True, decided["joke"].text: False}


def test_only_the_latest_decision_on_an_item_counts(decided, moderator):
    work.decide_moderation(
        moderator, decided["joke"], action="remove", reason="Ändrat beslut", reason_code="profanity"
    )
    rows = {row.text: row.offensive for row in labelled_decisions()}
    assert rows[decided["joke"].text] is True


def test_another_organisations_decisions_are_left_out(decided):
    assert list(labelled_decisions("bo")) == []
    assert len(list(labelled_decisions("tyreso"))) == 2


def test_written_rows_read_back_as_training_data_and_train_a_model(decided, moderator, tmp_path):
    tricky = stored("t", "Tack\tför\ningenting, din fjant\r\n")
    work.decide_moderation(
        moderator, tricky, action="remove", reason="Förolämpning", reason_code="personal_attack"
    )
    decisions = tmp_path / "decisions.tsv"
    out = io.StringIO()
    call_command("moderation", "decisions", "--output", str(decisions), stdout=out)
    assert "3 decisions (2 abusive, 1 overruled flags)" in out.getvalue()
    rows = classifier.read_dkhate(decisions)
    assert ("Tack för ingenting, din fjant", True) in rows
    assert (decided["joke"].text, False) in rows

    base = tmp_path / "base.tsv"
    lines = [f"{n}\tHold kæft din idiot nummer {n}\tOFF" for n in range(6)]
    lines += [f"{n + 6}\tTak for en dejlig dag nummer {n}\tNOT" for n in range(6)]
    base.write_text("id\ttweet\tsubtask_a\n" + "\n".join(lines) + "\n", encoding="utf-8")
    model_file = tmp_path / "model.bin"
    out = io.StringIO()
    call_command(
        "moderation",
        "train",
        "--dkhate",
        str(base),
        "--extra",
        str(decisions),
        "--output",
        str(model_file),
        stdout=out,
    )
    assert "trained on 15 rows (8 offensive, 3 from --extra)" in out.getvalue()
    assert model_file.stat().st_size > 0


def test_a_missing_extra_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    base = tmp_path / "base.tsv"
    base.write_text("id\ttweet\tsubtask_a\n1\tx\tOFF\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nope.tsv: no such file"):
        call_command(
            "moderation", "train", "--dkhate", str(base), "--extra", str(tmp_path / "nope.tsv")
        )
