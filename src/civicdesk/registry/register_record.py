"""The register is itself a record (R3): each change to the set of active channels is
registered in the diary, so the archive can show which channels were official when."""

from civicdesk.organisations.models import Organisation
from civicdesk.records.diary import register
from civicdesk.records.models import DiaryEntry
from civicdesk.registry.models import Channel

TITLES = {
    "sv": "Förteckning över officiella kanaler i sociala medier",
    "nb": "Oversikt over offisielle kanaler i sosiale medier",
    "nn": "Oversikt over offisielle kanalar i sosiale medium",
    "nl": "Overzicht van officiële socialemediakanalen",
    "da": "Fortegnelse over officielle kanaler på sociale medier",
}


def register_register_change(
    organisation: Organisation, channel: Channel, change: str, actor=None
) -> DiaryEntry | None:
    """Register a new version of the register after `channel` became or stopped being active."""
    if not organisation.policy.get("register", {}).get("register_in_diary", True):
        return None
    title = TITLES.get(organisation.language, "Register of official social media channels")
    return register(
        organisation,
        title=f"{title}: {channel.name} ({change})",
        reason=DiaryEntry.Reason.REGISTER,
        actor=actor,
    )
