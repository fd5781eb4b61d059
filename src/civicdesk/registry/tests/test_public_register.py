"""The public register (R3): active channels with purpose and contact; nothing internal."""

import csv
import io

import pytest
from django.test import Client

from civicdesk.registry.models import Channel, ChannelStatus

pytestmark = pytest.mark.django_db


class TestPublicRegister:
    def test_json_lists_active_channels_with_purposes(self, tyreso):
        Channel.objects.filter(slug="tyreso-youtube").update(status=ChannelStatus.CLOSED)
        data = Client().get("/o/tyreso/channels.json").json()
        slugs = {c["slug"] for c in data["channels"]}
        assert "tyreso-facebook" in slugs and "tyreso-youtube" not in slugs
        facebook = next(c for c in data["channels"] if c["slug"] == "tyreso-facebook")
        assert set(facebook) == {
            "slug",
            "name",
            "platform",
            "address",
            "purpose",
            "owning_unit",
            "contact",
        }
        assert facebook["owning_unit"] == "Informationsenheten"
        assert all(c["purpose"] for c in data["channels"])

    def test_html_escapes_hostile_text(self, tyreso):
        Channel.objects.filter(slug="tyreso-facebook").update(
            purpose='<script>alert("x")</script>', name="<img src=x onerror=alert(1)>"
        )
        page = Client().get("/o/tyreso/channels/").content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;" in page
        assert "<img src=x" not in page

    def test_csv_neutralises_formulas(self, tyreso):
        Channel.objects.filter(slug="tyreso-facebook").update(purpose='=HYPERLINK("http://evil")')
        response = Client().get("/o/tyreso/channels.csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        facebook = next(r for r in rows if r["slug"] == "tyreso-facebook")
        assert facebook["purpose"].startswith("'=")

    def test_unknown_organisation_is_404(self, db):
        assert Client().get("/o/nowhere/channels.json").status_code == 404

    def test_no_login_needed_and_no_internal_data(self, tyreso):
        body = Client().get("/o/tyreso/channels.json").content.decode()
        for internal in ("administrators", "substitute", "credentials", "Webbredaktör"):
            assert internal not in body
