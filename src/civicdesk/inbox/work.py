"""Working on an item: assign, reply, forward, acknowledge, register, close (I4, I5, I8, I9).

Every change is written to the item's history as (who, when, field, old, new). The actor must be
able to see the item (`access.py`) and hold an inbox role in its organisation.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from civicdesk.core.exceptions import Conflict, InvalidInput, PermissionDenied
from civicdesk.inbox.models import (
    Item,
    ItemChange,
    ModerationDecision,
    Reply,
    Status,
)
from civicdesk.inbox.pipeline import apply_registration
from civicdesk.organisations.access import has_role, person_in
from civicdesk.organisations.models import Absence, Person, Unit
from civicdesk.organisations.roles import INBOX_ROLES
from civicdesk.policy.schema import CONFIDENTIAL_REASON_CODES, MODERATION_ACTIONS, REASON_CODES
from civicdesk.records import log
from civicdesk.records.models import DiaryEntry

logger = logging.getLogger(__name__)
MAX_REPLY = 10_000


def _worker(actor, item: Item) -> Person:
    person = person_in(actor, item.organisation)
    if person is None or not has_role(actor, item.organisation, INBOX_ROLES):
        raise PermissionDenied("Only inbox staff of the organisation may work on its items.")
    return person


def _change(item: Item, actor, field: str, old, new, at=None) -> None:
    """One field change: in the item's history and in the tamper-evident log."""
    change = ItemChange.objects.create(
        item=item,
        actor=actor,
        at=at or timezone.now(),
        field=field,
        old="" if old is None else str(old),
        new="" if new is None else str(new),
    )
    log.append(
        "item.changed",
        f"item:{item.pk}",
        {
            "field": field,
            "old": change.old,
            "new": change.new,
            "actor": actor.get_username() if actor else None,
        },
        organisation=item.organisation_id,
        at=change.at,
    )


def _shown(value):
    """How a value appears in the history: people by key, units by slug."""
    if isinstance(value, Person):
        return value.key
    if isinstance(value, Unit):
        return value.slug
    return value


def _set(item: Item, actor, **fields) -> None:
    now = timezone.now()
    for field, new in fields.items():
        old = getattr(item, field)
        if old != new:
            _change(item, actor, field, _shown(old), _shown(new), now)
            setattr(item, field, new)
    item.save()


def is_away(person: Person, on: date | None = None) -> Absence | None:
    on = on or timezone.localdate()
    return person.absences.filter(starts_on__lte=on, ends_on__gte=on).first()


def stand_in_for(person: Person, item: Item, on: date | None = None) -> Person:
    """Who takes the item: the person, or while they are away their named substitute (I9)."""
    seen = {person.pk}
    current = person
    while (absence := is_away(current, on)) is not None:
        candidate = absence.substitute or item.channel.substitute
        if candidate is None or candidate.pk in seen:
            break
        seen.add(candidate.pk)
        current = candidate
    return current


@transaction.atomic
def assign(actor, item: Item, person: Person) -> Person:
    """Assign the item; if the person is away, the substitute gets it (I9). Returns the assignee."""
    _worker(actor, item)
    if person.organisation_id != item.organisation_id:
        raise InvalidInput("the person belongs to another organisation", field="assignee")
    assignee = stand_in_for(person, item)
    if assignee != person:
        _change(item, actor, "substitute_for", person.key, assignee.key)
    _set(item, actor, assignee=assignee, status=Status.ASSIGNED)
    return assignee


def signature_for(person: Person, item: Item) -> str:
    """The signature the pack asks for (I5): name, title and unit by default."""
    template = item.organisation.policy.get("inbox", {}).get("signature", "{name}, {title}, {unit}")
    user = person.user
    name = person.display_name or (user.get_full_name() if user else "") or person.title
    return template.format(
        name=name, title=person.title, unit=person.unit.name, organisation=item.organisation.name
    )


def _clean_reply(text) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("a reply needs text", field="text")
    if len(text) > MAX_REPLY:
        raise InvalidInput(f"a reply is at most {MAX_REPLY} characters", field="text")
    return text.strip()


@transaction.atomic
def reply(actor, item: Item, text: str) -> Reply:
    """Queue a reply for the platform, signed as the policy asks (I5)."""
    person = _worker(actor, item)
    text = _clean_reply(text)
    if item.status == Status.CLOSED:
        raise Conflict("the item is closed", field="status")
    answer = Reply.objects.create(
        item=item,
        author=person,
        text=text,
        signature=signature_for(person, item),
        created_at=timezone.now(),
    )
    _change(item, actor, "reply", "", answer.full_text)
    _set(item, actor, status=Status.ANSWERED)
    return answer


@transaction.atomic
def forward(actor, item: Item, unit: Unit) -> Reply | None:
    """Forward to the unit that answers, with a holding reply on the platform (I4, annex 3)."""
    person = _worker(actor, item)
    if unit.organisation_id != item.organisation_id:
        raise InvalidInput("the unit belongs to another organisation", field="unit")
    if not unit.mailbox:
        raise InvalidInput(f"{unit.name} has no mailbox to forward to", field="unit")
    holding = item.organisation.policy.get("inbox", {}).get("holding_reply", "")
    answer = None
    if holding and item.visibility == "public":
        answer = Reply.objects.create(
            item=item,
            author=person,
            text=holding,
            signature=signature_for(person, item),
            created_at=timezone.now(),
        )
        _change(item, actor, "reply", "", answer.full_text)
    _set(item, actor, route_unit=unit, status=Status.FORWARDED)
    transaction.on_commit(lambda: _mail_unit(item.pk, unit.mailbox))
    return answer


def _mail_unit(item_id: int, mailbox: str) -> None:
    item = Item.objects.select_related("channel").get(pk=item_id)
    send_mail(
        subject=f"[Civicdesk] {item.get_kind_display()} via {item.channel.name}",
        message=f"{item.text}\n\n{item.url}\n\nAnswer within the deadline: {item.due_at}",
        from_email=None,
        recipient_list=[mailbox],
    )


class EmailFaultReports:
    """Fault reports by e-mail to the pack's `inbox.fault_report_address` (default backend)."""

    def submit(self, item: Item) -> str:
        inbox = item.organisation.policy.get("inbox", {})
        address = inbox.get("fault_report_address") or (
            item.route_unit.mailbox if item.route_unit_id else ""
        )
        if not address:
            raise InvalidInput(
                "no fault-report address is configured", field="fault_report_address"
            )
        send_mail(
            subject=f"Felanmälan / fault report {item.channel.slug}/{item.external_id}",
            message=f"{item.text}\n\nFrom: {item.author_name}\nLink: {item.url}",
            from_email=None,
            recipient_list=[address],
        )
        return address


def fault_report_backend():
    return import_string(settings.CIVICDESK_FAULT_REPORT_BACKEND)()


@transaction.atomic
def acknowledge(actor, item: Item) -> Reply:
    """Acknowledge a fault report and pass it to the fault-report system (I4)."""
    person = _worker(actor, item)
    text = item.organisation.policy.get("inbox", {}).get("fault_report_reply") or "Thank you."
    answer = Reply.objects.create(
        item=item,
        author=person,
        text=text,
        signature=signature_for(person, item),
        created_at=timezone.now(),
    )
    destination = fault_report_backend().submit(item)
    _change(item, actor, "fault_report", "", destination)
    _set(item, actor, status=Status.ANSWERED)
    return answer


@transaction.atomic
def register_item(actor, item: Item) -> str:
    """Register a case matter or an item of documentary value in the diary (I8)."""
    _worker(actor, item)
    if item.diary_number:
        raise Conflict(f"already registered as {item.diary_number}", field="record")
    apply_registration(item, actor=actor, reason=DiaryEntry.Reason.CASE_MATTER)
    item.save(update_fields=["diary_number", "record_status", "updated_at"])
    _change(item, actor, "diary_number", "", item.diary_number)
    return item.diary_number


@transaction.atomic
def close(actor, item: Item) -> None:
    _worker(actor, item)
    _set(item, actor, status=Status.CLOSED)


@transaction.atomic
def decide_moderation(actor, item: Item, *, action: str, reason: str, reason_code: str = ""):
    """A moderator hides, removes, holds or keeps an item, with a reason (I2).

    Hiding or removing requests the action on the platform; the item itself is always kept here
    and, when the pack says so, registered in the diary. Every decision is recorded beside the
    machine's verdict, so overrules can feed retraining.
    """
    _worker(actor, item)
    if action not in MODERATION_ACTIONS:
        raise InvalidInput(f"action must be one of {', '.join(MODERATION_ACTIONS)}", field="action")
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput("say why (the reason is kept with the record)", field="reason")
    if reason_code and reason_code not in REASON_CODES:
        raise InvalidInput(f"unknown reason code '{reason_code}'", field="reason_code")
    removing = action in ("hide", "remove")
    decision = ModerationDecision.objects.create(
        item=item,
        actor=actor,
        at=timezone.now(),
        machine_action=item.moderation_action,
        machine_reasons=item.moderation_reasons,
        action=action,
        reason_code=reason_code,
        reason=reason.strip()[:5000],
        platform_state=(
            ModerationDecision.PlatformState.REQUESTED
            if removing
            else ModerationDecision.PlatformState.NONE
        ),
    )
    changes = {"moderation_action": action}
    if removing:
        changes["route_action"] = "remove"
        changes["due_at"] = None
    _set(item, actor, **changes)
    if removing and item.organisation.policy.get("inbox", {}).get("register_removed", True):
        reason_kind = (
            DiaryEntry.Reason.CONFIDENTIAL
            if reason_code in CONFIDENTIAL_REASON_CODES
            else DiaryEntry.Reason.REMOVED
        )
        if apply_registration(item, actor=actor, reason=reason_kind):
            item.save(update_fields=["diary_number", "record_status", "updated_at"])
            _change(item, actor, "diary_number", "", item.diary_number)
    return decision
