"""Search over kept items and records requests with redaction (issue 5, items 6 and 7)."""

import json

import pytest
from django.core.management import call_command

from civicdesk.conftest import make_staff
from civicdesk.core.exceptions import InvalidInput, PermissionDenied
from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.models import Item
from civicdesk.inbox.tests.conftest import item
from civicdesk.records.requests import Criteria, fulfil_request, redact
from civicdesk.records.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(tyreso):
    list(
        ingest(
            [
                item("1", text="När öppnar återvinningscentralen i Bollmora?"),
                item("2", text="Gatubelysningen på Granängsvägen är trasig."),
                item(
                    "3",
                    text="Mitt personnummer är 121212-1212, ring 070-123 45 67 om återvinningen.",
                ),
                item("4", channel="tyreso-instagram", text="Fin bild från återvinningscentralen!"),
            ]
        )
    )
    return Item.objects.all()


class TestSearch:
    def test_finds_items_containing_every_word(self, items):
        found = search(Item.objects.all(), "återvinningscentralen", language="sv")
        assert sorted(found.values_list("external_id", flat=True)) == ["1", "4"]
        both = search(Item.objects.all(), "öppnar återvinningscentralen", language="sv")
        assert list(both.values_list("external_id", flat=True)) == ["1"]

    def test_search_syntax_is_not_passed_through(self, items):
        for hostile in ['"', "NEAR(a b)", "* OR 1=1", "'; DROP TABLE inbox_item; --", "a:b"]:
            list(search(Item.objects.all(), hostile + " återvinningscentralen", language="sv"))
        assert Item.objects.count() == 4

    def test_empty_or_huge_query_is_refused(self, items):
        with pytest.raises(InvalidInput):
            search(Item.objects.all(), "!!!", language="sv")
        with pytest.raises(InvalidInput):
            search(Item.objects.all(), "a" * 201, language="sv")

    def test_changed_text_is_found_by_its_new_words(self, items):
        Item.objects.filter(external_id="2").update(text="Trasig lampa vid skolan")
        found = search(Item.objects.all(), "lampa", language="sv")
        assert list(found.values_list("external_id", flat=True)) == ["2"]


class TestRedaction:
    def test_confidential_spans_are_replaced(self):
        text = "Mitt personnummer är 121212-1212, ring 070-123 45 67."
        reasons = [
            {"code": "personal_id_number", "start": 21, "end": 32},
            {"code": "phone_number", "start": 39, "end": 52},
            {"code": "profanity", "start": 0, "end": 4},
        ]
        assert redact(text, reasons) == (
            "Mitt personnummer är [redacted: personal_id_number], ring [redacted: phone_number]."
        )

    def test_overlapping_spans_are_merged(self):
        assert redact(
            "abcdef",
            [
                {"code": "confidential", "start": 1, "end": 4},
                {"code": "bank_account", "start": 2, "end": 5},
            ],
        ) == ("a[redacted: confidential]f")


class TestRecordsRequest:
    def test_registrar_gets_a_redacted_package_with_manifest(self, items, tyreso, tmp_path):
        registrar = make_staff(tyreso, "t-reg", "registrar")
        out = tmp_path / "request"
        manifest = fulfil_request(registrar, tyreso, out, Criteria(query="återvinningen"))
        assert manifest["items"] == 1
        rows = json.loads((out / "items.json").read_text("utf-8"))
        assert "121212-1212" not in rows[0]["text"]
        assert "[redacted: personal_id_number]" in rows[0]["text"]
        assert "121212-1212" not in (out / "items.html").read_text("utf-8")
        assert manifest["chain_head"].startswith("sha256:")

    def test_only_registrars_and_the_information_unit(self, items, tyreso, tmp_path):
        teacher = make_staff(tyreso, "t-teach", "teacher")
        with pytest.raises(PermissionDenied):
            fulfil_request(teacher, tyreso, tmp_path / "x", Criteria())

    def test_command(self, items, tyreso, tmp_path, capsys):
        make_staff(tyreso, "t-reg", "registrar")
        call_command(
            "records",
            "request",
            "--org",
            "tyreso",
            "--out",
            str(tmp_path / "r"),
            "--user",
            "t-reg",
            "--channel",
            "tyreso-instagram",
        )
        assert "1 item(s)" in capsys.readouterr().out
