"""Which language a signed-in user sees: the one they saved, else their organisation's.

The saved choice (`UserPreference.language`) is read once per session, at login, and kept in the
session, so pages do not ask the database for it on every request.
"""

from django.conf import settings

from civicdesk.organisations.access import organisations_of
from civicdesk.web.models import UserPreference

SESSION_KEY = "civicdesk_language"


def supported(code: str) -> str | None:
    codes = {code for code, _ in settings.LANGUAGES}
    code = (code or "").lower()
    if code in codes:
        return code
    if code == "no" and "nb" in codes:
        return "nb"
    base = code.split("-")[0]
    return base if base in codes else None


def default_language(user) -> str | None:
    """The first supported language of the user's first organisation (by name), if any."""
    organisation = organisations_of(user).order_by("name").only("languages").first()
    if organisation is None:
        return None
    for code in organisation.languages or []:
        language = supported(code)
        if language:
            return language
    return None


def saved_language(user) -> str | None:
    """The language `user` chose on a page and saved, if any."""
    code = UserPreference.objects.filter(user=user).values_list("language", flat=True).first() or ""
    return supported(code)


def save_language(user, code: str) -> str:
    """Keep `code` as `user`'s language for every later login; returns the code kept."""
    language = supported(code)
    if language is None:
        raise ValueError(f"unsupported language {code!r}")
    UserPreference.objects.update_or_create(user=user, defaults={"language": language})
    return language


def remember_at_login(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: the saved language (or "" for none) into the new session."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = saved_language(user) or ""
