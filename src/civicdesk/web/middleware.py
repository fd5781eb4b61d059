"""Request middleware of the staff web application: the page language and the CSP header."""

from django.conf import settings
from django.utils import translation

from civicdesk.web.preferences import default_language


class OrganisationLanguageMiddleware:
    """Speak the organisation's first language unless the user chose one (issue 6, item 2).

    Runs after the authentication middleware: Django's LocaleMiddleware has already picked a
    language from the cookie or the browser; a signed-in user without a chosen language gets their
    organisation's instead of the browser's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not chosen and user is not None and user.is_authenticated:
            language = default_language(user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


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
