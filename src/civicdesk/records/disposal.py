"""Disposal (gallring) of items of little importance, and the legal holds that block it (A2).

Two ways an item is disposed of, both recorded as a ``Disposal`` and appended to the log:

- **By the pack's rule** (``[records] cull_minor_after_days``, 0 = never): public items kept in
  order (I3) without a diary number, not removed or hidden by moderation, older than N days.
  ``cull_due`` applies it in chunks (the background worker or a command calls it).
- **By a person's decision** (``dispose``): a registrar or the information unit, with a reason.
  This is the only way a registered, removed or hidden item is ever disposed of.

A legal hold on the organisation, the item's channel or the item refuses both. Disposing
empties the item's text, author and platform payloads (every version) and marks it culled; the
row, its diary entry and its history remain, so the disposal is itself on record.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from civicdesk.core.exceptions import Conflict, InvalidInput, NotFound
from civicdesk.inbox.models import Item, ItemVersion, RecordStatus, Visibility
from civicdesk.organisations.access import require_role
from civicdesk.organisations.models import Organisation
from civicdesk.organisations.roles import Role
from civicdesk.records import log
from civicdesk.records.models import Disposal, LegalHold

RULE = "records.cull_minor_after_days"
DISPOSAL_ROLES = frozenset({Role.REGISTRAR, Role.INFORMATION_OFFICER, Role.COMMUNICATIONS_CHIEF})
HOLD_ROLES = DISPOSAL_ROLES
CHUNK = 500
EMPTIED = {"text": "", "author_id": "", "author_name": "", "author_handle": "", "media": []}


def active_holds(organisation: Organisation):
    return LegalHold.objects.filter(organisation=organisation, released_at__isnull=True)


def _held_q(organisation: Organisation) -> Q:
    """Items under an active hold: org-wide, on their channel, or on themselves."""
    holds = active_holds(organisation)
    if holds.filter(channel__isnull=True, item__isnull=True).exists():
        return Q(pk__isnull=False)  # everything
    return Q(channel_id__in=holds.filter(channel__isnull=False).values("channel_id")) | Q(
        pk__in=holds.filter(item__isnull=False).values("item_id")
    )


def hold_on(item: Item) -> LegalHold | None:
    return (
        active_holds(item.organisation)
        .filter(
            Q(channel__isnull=True, item__isnull=True) | Q(channel=item.channel_id) | Q(item=item)
        )
        .order_by("placed_at")
        .first()
    )


def minor_items(organisation: Organisation, now: datetime | None = None):
    """Items the pack's rule lets go: none when ``cull_minor_after_days`` is 0."""
    days = organisation.policy.get("records", {}).get("cull_minor_after_days", 0)
    if not days:
        return Item.objects.none()
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return (
        Item.objects.filter(
            organisation=organisation,
            record_status=RecordStatus.KEPT,
            visibility=Visibility.PUBLIC,
            diary_number="",
            moderation_action__in=("keep", "hold"),
            received_at__lt=cutoff,
        )
        .exclude(diary_entries__isnull=False)
        .exclude(_held_q(organisation))
    )


def _empty(items: Iterable[Item]) -> None:
    ids = [item.pk for item in items]
    Item.objects.filter(pk__in=ids).update(record_status=RecordStatus.CULLED, **EMPTIED)
    ItemVersion.objects.filter(item_id__in=ids).update(text="", payload={})


def _event(disposal: Disposal) -> log.Event:
    return log.Event(
        "disposal.executed",
        f"item:{disposal.item_id}",
        {
            "disposal": disposal.pk,
            "rule": disposal.rule,
            "reason": disposal.reason,
            "decided_by": disposal.decided_by_id,
            "decided_at": log.canonical_time(disposal.decided_at),
            "content_digest": disposal.content_digest,
        },
        disposal.organisation_id,
    )


def cull_due(organisation: Organisation, now: datetime | None = None, limit: int = 10_000) -> int:
    """Apply the pack's rule: dispose of up to ``limit`` minor items. Returns how many."""
    now = now or timezone.now()
    days = organisation.policy.get("records", {}).get("cull_minor_after_days", 0)
    done = 0
    while done < limit:
        with transaction.atomic():
            # Holds are placed under the log's lock too: once we hold it, the holds we read
            # stay the holds until we commit.
            log.lock()
            chunk = list(
                minor_items(organisation, now)
                .select_for_update()
                .order_by("received_at", "pk")[: min(CHUNK, limit - done)]
            )
            if not chunk:
                break
            disposals = Disposal.objects.bulk_create(
                Disposal(
                    organisation=organisation,
                    item=item,
                    rule=RULE,
                    reason=f"Of little importance and older than {days} days (A2).",
                    decided_at=now,
                    content_digest=item.digest,
                )
                for item in chunk
            )
            _empty(chunk)
            log.append_many((_event(d) for d in disposals), at=now)
        done += len(chunk)
    return done


def dispose(actor, item: Item, reason: str) -> Disposal:
    """A person's decision to dispose of one item; refused under a legal hold."""
    organisation = item.organisation
    require_role(actor, organisation, DISPOSAL_ROLES, action="dispose of records")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("a disposal needs the reason for the decision", field="reason")
    with transaction.atomic():
        log.lock()  # serialises with place_hold: no hold can slip in after the check below
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.record_status == RecordStatus.CULLED:
            raise Conflict("this item has already been disposed of", field="item")
        hold = hold_on(item)
        if hold is not None:
            raise Conflict(f"under legal hold since {hold.placed_at:%Y-%m-%d}: {hold.reason}")
        disposal = Disposal.objects.create(
            organisation=organisation,
            item=item,
            reason=reason,
            decided_by=actor,
            decided_at=timezone.now(),
            content_digest=item.digest,
        )
        _empty([item])
        log.append_many([_event(disposal)], at=disposal.decided_at)
    return disposal


def place_hold(actor, organisation: Organisation, reason: str, *, channel=None, item=None):
    """Hold the whole organisation, one channel or one item (at most one of them)."""
    require_role(actor, organisation, HOLD_ROLES, action="place a legal hold")
    if channel is not None and item is not None:
        raise InvalidInput("a hold covers a channel or an item, not both", field="item")
    for scoped in (channel, item):
        if scoped is not None and scoped.organisation_id != organisation.pk:
            raise NotFound("no such channel or item in this organisation")
    if not (reason or "").strip():
        raise InvalidInput("a legal hold needs a reason", field="reason")
    with transaction.atomic():
        log.lock()
        hold = LegalHold.objects.create(
            organisation=organisation,
            channel=channel,
            item=item,
            reason=reason.strip(),
            placed_by=actor,
            placed_at=timezone.now(),
        )
        log.append(
            "hold.placed",
            f"hold:{hold.pk}",
            {"channel": hold.channel_id, "item": hold.item_id, "reason": hold.reason},
            organisation=organisation,
            at=hold.placed_at,
        )
    return hold


def release_hold(actor, hold: LegalHold) -> LegalHold:
    require_role(actor, hold.organisation, HOLD_ROLES, action="release a legal hold")
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.released_at is not None:
            raise Conflict("this hold was already released")
        hold.released_by, hold.released_at = actor, timezone.now()
        hold.save(update_fields=["released_by", "released_at"])
        log.append(
            "hold.released",
            f"hold:{hold.pk}",
            {},
            organisation=hold.organisation_id,
            at=hold.released_at,
        )
    return hold
