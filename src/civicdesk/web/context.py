"""Template context for every page: the navigation's languages and the htmx script, if installed."""

from functools import lru_cache

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from civicdesk.organisations.models import RoleAssignment
from civicdesk.records.requests import REQUEST_ROLES

# The languages the web application has complete catalogues for (issue 6, item 2).
WEB_LANGUAGES = [
    ("en", "English"),
    ("sv", "Svenska"),
    ("nb", "Norsk bokmål"),
    ("nn", "Norsk nynorsk"),
    ("nl", "Nederlands"),
]
HTMX_PATH = "vendor/htmx.org/htmx.min.js"


@lru_cache(maxsize=1)
def htmx_installed() -> bool:
    """htmx comes from the npm registry at install time; without it pages work without JS."""
    return bool(finders.find(HTMX_PATH))


def web(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "web_languages": WEB_LANGUAGES,
        "htmx_src": static(HTMX_PATH) if htmx_installed() else None,
        "may_fulfil_requests": bool(
            user is not None
            and user.is_authenticated
            and RoleAssignment.objects.filter(person__user=user, role__in=REQUEST_ROLES).exists()
        ),
    }
