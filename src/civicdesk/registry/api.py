"""API of the register (internal view): `GET /api/channels`, `GET /api/channels/{slug}`."""

from datetime import datetime

from ninja import Router, Schema

from civicdesk.registry import services

router = Router(tags=["channels"])


class GoalOut(Schema):
    code: str
    text: str


class PersonOut(Schema):
    key: str
    title: str
    unit: str


class EventOut(Schema):
    kind: str
    from_status: str
    to_status: str
    at: datetime
    actor: str | None
    reason: str


class ChannelOut(Schema):
    slug: str
    organisation: str
    name: str
    platform: str
    address: str
    owning_unit: str
    purpose: str
    audience: str
    contact: str
    status: str
    teaching: bool
    goals: list[GoalOut]
    administrators: list[PersonOut]
    substitute: PersonOut | None
    has_credentials: bool
    last_activity_at: datetime | None
    purpose_reviewed_at: datetime | None


class ChannelDetailOut(ChannelOut):
    events: list[EventOut]


def _person(person) -> dict | None:
    if person is None:
        return None
    return {"key": person.key, "title": person.title, "unit": person.unit.slug}


def channel_dict(channel, *, with_events: bool = False) -> dict:
    data = {
        "slug": channel.slug,
        "organisation": channel.organisation.slug,
        "name": channel.name,
        "platform": channel.platform,
        "address": channel.address,
        "owning_unit": channel.owning_unit.slug,
        "purpose": channel.purpose,
        "audience": channel.audience,
        "contact": channel.contact,
        "status": channel.status,
        "teaching": channel.teaching,
        "goals": [{"code": g.code, "text": g.text} for g in channel.goals.all()],
        "administrators": [_person(p) for p in channel.administrators.select_related("unit")],
        "substitute": _person(channel.substitute),
        "has_credentials": channel.has_credentials,
        "last_activity_at": channel.last_activity_at,
        "purpose_reviewed_at": channel.purpose_reviewed_at,
    }
    if with_events:
        data["events"] = [
            {
                "kind": e.kind,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "at": e.at,
                "actor": e.actor.get_username() if e.actor else None,
                "reason": e.reason,
            }
            for e in channel.events.select_related("actor")
        ]
    return data


@router.get("", response=list[ChannelOut], summary="The register (internal view)")
def list_channels(request, org: str | None = None, status: str | None = None):
    channels = services.channels_for(request.user, org).prefetch_related("goals")
    if status:
        channels = channels.filter(status=status)
    return [channel_dict(c) for c in channels]


@router.get("/{slug}", response=ChannelDetailOut, summary="One channel with its history")
def get_channel(request, slug: str):
    return channel_dict(services.access_channel(request.user, slug), with_events=True)
