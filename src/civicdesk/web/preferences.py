"""Which language a signed-in user sees by default: their organisation's first one we speak."""

from django.conf import settings

from civicdesk.organisations.access import organisations_of


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
