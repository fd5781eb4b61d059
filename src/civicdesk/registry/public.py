"""The public register of channels (R3): what anyone may read, and nothing internal."""

from collections.abc import Iterator

from civicdesk.core.exceptions import NotFound
from civicdesk.organisations.models import Organisation
from civicdesk.registry.models import Channel, ChannelStatus


def public_organisation(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not organisation.policy.get("register", {}).get("publish", True):
        raise NotFound(f"No public register for '{slug}'.", field="org")
    return organisation


def public_channels(organisation: Organisation) -> Iterator[dict[str, str]]:
    """Active channels with platform, address, purpose, owning unit and a public contact."""
    channels = (
        Channel.objects.filter(organisation=organisation, status=ChannelStatus.ACTIVE)
        .select_related("owning_unit")
        .order_by("name", "pk")
    )
    for channel in channels.iterator(chunk_size=500):
        yield {
            "slug": channel.slug,
            "name": channel.name,
            "platform": channel.platform,
            "address": channel.address,
            "purpose": channel.purpose,
            "owning_unit": channel.owning_unit.name,
            "contact": channel.contact or channel.owning_unit.mailbox,
        }
