"""The JSON API: one NinjaAPI, a router per app, and errors always in the contract's shape."""

import logging

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from civicdesk.api.tokens import user_for_token
from civicdesk.core.exceptions import CivicdeskError

logger = logging.getLogger(__name__)


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Civicdesk API",
    version="1",
    description="Official social media, run by a public body's own rules and the law.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _error(request, status: int, code: str, message: str, field: str | None = None):
    body = {"code": code, "message": message}
    if field:
        body["field"] = field
    return api.create_response(request, {"error": body}, status=status)


@api.exception_handler(CivicdeskError)
def _civicdesk_error(request, exc: CivicdeskError):
    return _error(request, exc.status, exc.code, exc.message, exc.field)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", []) if part not in ("body", "query", "path")]
    field = ".".join(location) or None
    message = first.get("msg", "invalid input")
    return _error(request, 400, "invalid", f"{field}: {message}" if field else message, field)


@api.exception_handler(AuthenticationError)
def _authentication_error(request, exc):
    return _error(request, 401, "unauthenticated", "Log in or send a valid bearer token.")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _error(request, exc.status_code, "error", str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not_found", "Not found.")


@api.exception_handler(Exception)
def _unexpected(request, exc):
    logger.exception("unexpected API error on %s", request.path)
    return _error(request, 500, "server_error", "Something went wrong; it has been logged.")


def _register_routers() -> None:
    from civicdesk.inbox.api import router as inbox_router
    from civicdesk.moderation.api import router as moderation_router
    from civicdesk.records.api import router as diary_router
    from civicdesk.registry.api import router as registry_router

    api.add_router("/channels", registry_router)
    api.add_router("/items", inbox_router)
    api.add_router("/diary", diary_router)
    api.add_router("/moderate", moderation_router)


_register_routers()
