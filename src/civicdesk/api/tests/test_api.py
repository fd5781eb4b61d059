"""The API's outside: tokens, the error shape of contract.md, and the OpenAPI document."""

import pytest
from django.core.management import call_command
from django.test import Client

from civicdesk.api.models import ApiToken
from civicdesk.api.tokens import create_token, user_for_token

pytestmark = pytest.mark.django_db


class TestTokens:
    def test_token_command_prints_a_working_token(self, tyreso_info, capsys):
        call_command("token", "create", "t-info")
        token = capsys.readouterr().out.strip()
        assert token.startswith("cd_")
        assert user_for_token(token) == tyreso_info
        assert not ApiToken.objects.filter(digest=token).exists()  # only a digest is kept

    def test_token_for_unknown_user_is_a_clear_error(self, db, capsys):
        with pytest.raises(SystemExit) as exit_info:
            call_command("token", "create", "nobody")
        assert exit_info.value.code == 1
        assert "No active user 'nobody'" in capsys.readouterr().err

    def test_revoked_or_inactive_tokens_do_not_work(self, tyreso_info):
        token = create_token("t-info")
        tyreso_info.is_active = False
        tyreso_info.save()
        assert user_for_token(token) is None

    def test_garbage_tokens_are_rejected(self, db):
        for token in ("", "cd_", "x" * 10_000, "cd_\x00\u202e", "Bearer cd_x"):
            assert user_for_token(token) is None


class TestErrorShape:
    def test_unauthenticated_is_401_in_contract_shape(self, db):
        response = Client().get("/api/channels")
        assert response.status_code == 401
        assert response.json() == {
            "error": {"code": "unauthenticated", "message": "Log in or send a valid bearer token."}
        }

    def test_wrong_token_is_401(self, db):
        response = Client().get("/api/channels", HTTP_AUTHORIZATION="Bearer cd_wrong")
        assert response.status_code == 401

    def test_unknown_channel_is_404_with_field(self, tyreso_info):
        token = create_token("t-info")
        response = Client().get("/api/channels/nope", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 404
        assert response.json()["error"] == {
            "code": "not_found",
            "message": "No channel 'nope'.",
            "field": "channel",
        }

    def test_unknown_route_is_json_404(self, tyreso_info):
        token = create_token("t-info")
        response = Client().get("/api/nothing-here", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 404


class TestOpenApi:
    def test_openapi_document_lists_the_register(self, db):
        response = Client().get("/api/openapi.json")
        assert response.status_code == 200
        paths = response.json()["paths"]
        assert "/api/channels" in paths
        assert "/api/channels/{slug}" in paths
