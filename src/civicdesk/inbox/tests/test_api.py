"""The inbox API (contract.md): batch ingest with per-item errors, the list, detail and reply."""

import json

import pytest
from django.test import Client

from civicdesk.api.tokens import create_token
from civicdesk.inbox.models import Item
from civicdesk.inbox.tests.conftest import item

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(tyreso_comms):
    token = create_token("t-comms")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def post(client, body):
    return client.post("/api/items", data=json.dumps(body), content_type="application/json")


class TestPostItems:
    def test_single_item_returns_its_triage_result(self, client):
        response = post(client, item())
        assert response.status_code == 200
        assert response.json()["channel"] == "tyreso-facebook"

    def test_repeat_returns_the_same_result(self, client):
        first = post(client, item()).json()
        assert post(client, item()).json() == first

    def test_batch_keeps_good_items_and_reports_bad_ones_in_place(self, client):
        body = [item("a"), {"external_id": "x"}, item("b")]
        results = post(client, body).json()
        assert results[0]["external_id"] == "a" and results[2]["external_id"] == "b"
        assert results[1]["index"] == 1 and results[1]["error"]["field"] == "channel"
        assert Item.objects.count() == 2

    def test_single_bad_item_is_a_400_in_contract_shape(self, client):
        response = post(client, item(kind="shout"))
        assert response.status_code == 400
        assert response.json()["error"]["field"] == "kind"

    def test_more_than_1000_items_is_refused(self, client):
        response = post(client, [item(str(i)) for i in range(1001)])
        assert response.status_code == 400
        assert not Item.objects.exists()

    def test_invalid_json_is_a_clear_error(self, client):
        response = client.post("/api/items", data=b"{not json", content_type="application/json")
        assert response.status_code == 400
        assert "not valid JSON" in response.json()["error"]["message"]


class TestReadAndReply:
    def test_list_detail_and_reply(self, client):
        created = post(client, item()).json()
        listing = client.get("/api/items?channel=tyreso-facebook&category=question").json()
        assert listing["count"] == 1 and listing["results"][0]["id"] == created["id"]
        response = client.post(
            f"/api/items/{created['id']}/reply",
            data=json.dumps({"text": "Klockan tio."}),
            content_type="application/json",
        )
        assert response.status_code == 200
        assert response.json()["reply"]["text"].startswith("Klockan tio.\n\n")
        detail = client.get(f"/api/items/{created['id']}").json()
        assert detail["status"] == "answered"
        assert detail["replies"][0]["text"].endswith("Tyresö kommun")
        assert any(h["field"] == "status" for h in detail["history"])

    def test_other_organisations_item_is_404(self, client, bo_info):
        created = post(client, item()).json()
        other = Client(HTTP_AUTHORIZATION=f"Bearer {create_token('b-info')}")
        assert other.get(f"/api/items/{created['id']}").status_code == 404

    def test_diary_endpoint(self, client):
        post(client, item("dm", kind="message", visibility="private", text="Hej"))
        diary = client.get("/api/diary?org=tyreso").json()
        assert diary["count"] == 1
        assert diary["results"][0]["number"].startswith("KS ")
