"""The channel register: reading it with permission checks, and each step of a channel's life.

Lifecycle (R2, R6):  proposed → approved → active ⇄ dormant → closed   (any state → closed)

- propose: any member of the organisation's staff; purpose required (R1).
- approve: the head of the owning unit (or of a unit above it), after consulting the communications
  chief (R2); a school's teaching channel is decided by its principal instead (Tyresö 1.2).
- activate / reactivate / mark dormant / close: the information unit or the channel's
  administrators.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from civicdesk.core.exceptions import Conflict, InvalidInput, NotFound, PermissionDenied
from civicdesk.organisations.access import (
    Actor,
    has_role,
    organisations_of,
    require_member,
)
from civicdesk.organisations.models import Organisation, Person, Unit
from civicdesk.organisations.roles import INFORMATION_UNIT_ROLES, Role
from civicdesk.registry.models import Channel, ChannelEvent, ChannelStatus, Goal, Platform
from civicdesk.registry.register_record import register_register_change

MAX_TEXT = 5000

TRANSITIONS = {
    ChannelStatus.PROPOSED: {ChannelStatus.APPROVED, ChannelStatus.CLOSED},
    ChannelStatus.APPROVED: {ChannelStatus.ACTIVE, ChannelStatus.CLOSED},
    ChannelStatus.ACTIVE: {ChannelStatus.DORMANT, ChannelStatus.CLOSED},
    ChannelStatus.DORMANT: {ChannelStatus.ACTIVE, ChannelStatus.CLOSED},
    ChannelStatus.CLOSED: set(),
}


def channels_for(actor: Actor, organisation: str | None = None) -> QuerySet[Channel]:
    """The channels of the actor's organisations (optionally one of them), internal view."""
    queryset = Channel.objects.filter(organisation__in=organisations_of(actor))
    if organisation:
        queryset = queryset.filter(organisation__slug=organisation)
    return queryset.select_related("organisation", "owning_unit", "substitute")


def access_channel(actor: Actor, slug: str) -> Channel:
    """The channel `slug` if it belongs to one of the actor's organisations; else NotFound."""
    channel = channels_for(actor).filter(slug=slug).first()
    if channel is None:
        raise NotFound(f"No channel '{slug}'.", field="channel")
    return channel


def _policy(organisation: Organisation, section: str) -> dict:
    return organisation.policy.get(section, {})


def _may_manage(actor: Actor, channel: Channel) -> bool:
    if has_role(actor, channel.organisation, INFORMATION_UNIT_ROLES):
        return True
    return channel.administrators.filter(user=actor).exists()


def _transition(
    actor: Actor | None,
    channel: Channel,
    to_status: str,
    kind: str,
    reason: str,
    consulted: Person | None = None,
) -> Channel:
    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        if to_status not in TRANSITIONS[ChannelStatus(locked.status)]:
            raise Conflict(
                f"A {locked.get_status_display().lower()} channel cannot become {to_status}.",
                field="status",
            )
        now = timezone.now()
        ChannelEvent.objects.create(
            channel=locked,
            kind=kind,
            from_status=locked.status,
            to_status=to_status,
            actor=actor,
            consulted=consulted,
            reason=reason[:MAX_TEXT],
            at=now,
        )
        from_status = locked.status
        locked.status = to_status
        update = ["status", "updated_at"]
        if to_status == ChannelStatus.ACTIVE:
            # A channel that starts or wakes up is active now: its inactivity clock restarts.
            locked.last_activity_at = now
            update.append("last_activity_at")
        locked.save(update_fields=update)
        if ChannelStatus.ACTIVE in (from_status, to_status):
            register_register_change(locked.organisation, locked, kind, actor)
    channel.refresh_from_db()
    return channel


def _clean_text(value: str, field: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be text", field=field)
    value = value.strip()
    if required and not value:
        raise InvalidInput(f"a channel needs a {field} (R1)", field=field)
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"{field} is longer than {MAX_TEXT} characters", field=field)
    return value


def propose_channel(
    actor: Actor,
    organisation: Organisation,
    *,
    slug: str,
    name: str,
    platform: str,
    address: str,
    owning_unit: Unit,
    purpose: str,
    audience: str = "",
    contact: str = "",
    goals: list[Goal] | None = None,
    administrators: list[Person] | None = None,
    substitute: Person | None = None,
    teaching: bool = False,
) -> Channel:
    """Propose a new channel of a unit (R1, R2). Its purpose is required."""
    proposer = require_member(actor, organisation)
    purpose = _clean_text(purpose, "purpose", required=True)
    name = _clean_text(name, "name", required=True)
    if platform not in Platform.values:
        raise InvalidInput(f"unknown platform '{platform}'", field="platform")
    if owning_unit.organisation_id != organisation.pk:
        raise InvalidInput("the owning unit belongs to another organisation", field="owning_unit")
    if not slug.startswith(organisation.slug + "-"):
        raise InvalidInput(f"the slug must start with '{organisation.slug}-'", field="slug")
    if Channel.objects.filter(slug=slug).exists():
        raise Conflict(f"a channel '{slug}' already exists", field="slug")
    for person in [*(administrators or []), *([substitute] if substitute else [])]:
        if person.organisation_id != organisation.pk:
            raise InvalidInput("a person named belongs to another organisation", field="people")
    with transaction.atomic():
        channel = Channel.objects.create(
            organisation=organisation,
            slug=slug,
            name=name,
            platform=platform,
            address=_clean_text(address, "address", required=True),
            owning_unit=owning_unit,
            purpose=purpose,
            audience=_clean_text(audience, "audience"),
            contact=_clean_text(contact, "contact"),
            substitute=substitute,
            teaching=teaching,
            status=ChannelStatus.PROPOSED,
        )
        channel.goals.set([g for g in (goals or []) if g.organisation_id == organisation.pk])
        channel.administrators.set(administrators or [proposer])
        ChannelEvent.objects.create(
            channel=channel,
            kind=ChannelEvent.Kind.PROPOSED,
            to_status=ChannelStatus.PROPOSED,
            actor=actor,
            reason=f"Proposed by {proposer.title}",
            at=timezone.now(),
        )
    return channel


def approve_channel(
    actor: Actor, channel: Channel, *, consulted: Person | None, reason: str
) -> Channel:
    """The decision to open a channel (R2).

    The approver is the head of the owning unit or of a unit above it; for a school's teaching
    channel, the principal of that school. The communications chief must have been consulted
    (`consulted` holds the pack's `register.consult_role`), except for teaching channels.
    """
    register = _policy(channel.organisation, "register")
    organisation = channel.organisation
    if channel.teaching:
        approver_role = register.get("teaching_approver_role", Role.PRINCIPAL)
    else:
        approver_role = register.get("approver_role", Role.UNIT_HEAD)
    if not has_role(actor, organisation, [approver_role], channel.owning_unit):
        raise PermissionDenied(
            f"Only the {approver_role.replace('_', ' ')} of {channel.owning_unit.name} "
            "may approve this channel (R2)."
        )
    consult_role = register.get("consult_role", Role.COMMUNICATIONS_CHIEF)
    if consult_role and not channel.teaching:
        if consulted is None:
            raise InvalidInput(
                f"Name the {consult_role.replace('_', ' ')} who was consulted (R2).",
                field="consulted",
            )
        if (
            consulted.organisation_id != organisation.pk
            or not consulted.roles.filter(role=consult_role).exists()
        ):
            raise InvalidInput(
                f"The person consulted must be a {consult_role.replace('_', ' ')} (R2).",
                field="consulted",
            )
    reason = _clean_text(reason, "reason", required=True)
    return _transition(
        actor, channel, ChannelStatus.APPROVED, ChannelEvent.Kind.APPROVED, reason, consulted
    )


def _require_manager(actor: Actor, channel: Channel, action: str) -> None:
    if not _may_manage(actor, channel):
        raise PermissionDenied(
            f"Only the information unit or the channel's administrators may {action}."
        )


def activate_channel(actor: Actor, channel: Channel, *, reason: str = "") -> Channel:
    _require_manager(actor, channel, "activate a channel")
    kind = (
        ChannelEvent.Kind.REACTIVATED
        if channel.status == ChannelStatus.DORMANT
        else ChannelEvent.Kind.ACTIVATED
    )
    return _transition(actor, channel, ChannelStatus.ACTIVE, kind, _clean_text(reason, "reason"))


def mark_dormant(actor: Actor | None, channel: Channel, *, reason: str) -> Channel:
    """Dormant: still registered and kept, no longer presented as in use (R6)."""
    if actor is not None:
        _require_manager(actor, channel, "mark a channel dormant")
    reason = _clean_text(reason, "reason", required=True)
    return _transition(actor, channel, ChannelStatus.DORMANT, ChannelEvent.Kind.DORMANT, reason)


def close_channel(actor: Actor, channel: Channel, *, reason: str) -> Channel:
    """Close a channel (R6). The register keeps it, with who closed it, when and why."""
    _require_manager(actor, channel, "close a channel")
    reason = _clean_text(reason, "reason", required=True)
    return _transition(actor, channel, ChannelStatus.CLOSED, ChannelEvent.Kind.CLOSED, reason)


def review_purpose(actor: Actor, channel: Channel, *, purpose: str, reason: str = "") -> Channel:
    """Record the yearly review of a channel's purpose (R5), possibly with a new purpose."""
    _require_manager(actor, channel, "review a channel's purpose")
    purpose = _clean_text(purpose, "purpose", required=True)
    now = timezone.now()
    with transaction.atomic():
        changed = purpose != channel.purpose
        detail = "Purpose changed." if changed else "Purpose confirmed."
        ChannelEvent.objects.create(
            channel=channel,
            kind=ChannelEvent.Kind.PURPOSE_REVIEWED,
            actor=actor,
            reason=f"{detail} {_clean_text(reason, 'reason')}".strip(),
            at=now,
        )
        Channel.objects.filter(pk=channel.pk).update(
            purpose=purpose, purpose_reviewed_at=now, updated_at=now
        )
        channel.due_items.filter(kind="purpose_review", resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=actor
        )
    channel.refresh_from_db()
    return channel


def record_activity(channel: Channel, at=None) -> None:
    """Note that the channel published something (keeps R6's inactivity clock honest)."""
    at = at or timezone.now()
    Channel.objects.filter(pk=channel.pk).exclude(last_activity_at__gte=at).update(
        last_activity_at=at
    )
    channel.due_items.filter(kind="inactive", resolved_at__isnull=True).update(resolved_at=at)
