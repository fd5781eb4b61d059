"""Moderation settings of one organisation, read from its loaded policy pack (I2)."""

from dataclasses import dataclass

from civicdesk.core.exceptions import NotFound
from civicdesk.moderation.policy import ModerationPolicy, compile_policy


@dataclass(frozen=True)
class OrganisationSettings:
    policy: ModerationPolicy
    region: str | None
    language: str | None


def settings_for(slug: str | None) -> OrganisationSettings:
    """The compiled policy, country and first language of an organisation; defaults for None."""
    if not slug:
        return OrganisationSettings(compile_policy(None), None, None)
    from civicdesk.organisations.models import Organisation

    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound(f"no organisation {slug!r}", field="org")
    moderation = (organisation.policy or {}).get("moderation") or {}
    policy = compile_policy(moderation, website=organisation.website)
    language = organisation.languages[0] if organisation.languages else None
    return OrganisationSettings(policy, organisation.country or None, language)
