"""Request middleware of the staff web application: the page language and the CSP header."""

from django.conf import settings
from django.utils import translation

from civicdesk.web.preferences import SESSION_KEY, default_language, saved_language


class OrganisationLanguageMiddleware:
    """The language of a signed-in user's pages (issue 6, items 2 and 3).

    Runs after the authentication middleware: Django's LocaleMiddleware has already picked a
    language from the cookie or the browser. A signed-in user's saved choice wins over both (it is
    theirs on every device, from the first page after login); without one, a language chosen in
    this browser stands, and otherwise the organisation's first language replaces the browser's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = self._saved(request, user)
            if not language and not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
                language = default_language(user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)

    @staticmethod
    def _saved(request, user) -> str:
        session = getattr(request, "session", None)
        if session is None:
            return saved_language(user) or ""
        saved = session.get(SESSION_KEY)
        if saved is None:  # a session from before the choice was kept: read it once
            saved = session[SESSION_KEY] = saved_language(user) or ""
        return saved


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy on every HTML page: no inline script, no foreign origin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        exempt = any(request.path.startswith(p) for p in settings.CIVICDESK_CSP_EXEMPT_PATHS)
        if not exempt and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.CIVICDESK_CSP
        return response
