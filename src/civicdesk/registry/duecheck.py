"""The daily check of the register: inactive channels (R6) and purpose reviews (R5)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from civicdesk.registry.models import Channel, ChannelDueItem, ChannelStatus, DueItemKind


@dataclass
class DueCheckResult:
    checked: int = 0
    opened_inactive: int = 0
    opened_review: int = 0


def inactivity_limit_days(channel: Channel) -> int:
    """Days of silence allowed: the channel's own, else per platform, else the register's (R6)."""
    if channel.inactivity_days:
        return channel.inactivity_days
    register = channel.organisation.policy.get("register", {})
    by_platform = register.get("inactivity_days_by_platform", {})
    return by_platform.get(channel.platform) or register.get("inactivity_days", 90)


def months_before(moment: datetime, months: int) -> datetime:
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month + 1, day=day)


def _open(channel: Channel, kind: str, detail: str, now: datetime) -> bool:
    if channel.due_items.filter(kind=kind, resolved_at__isnull=True).exists():
        return False
    try:
        with transaction.atomic():
            ChannelDueItem.objects.create(channel=channel, kind=kind, detail=detail, opened_at=now)
    except IntegrityError:
        # Another worker opened the same item a moment ago: one open item is what we want.
        return False
    return True


def check_channels(now: datetime | None = None) -> DueCheckResult:
    """Open due items for active channels that went quiet or whose purpose review is due."""
    now = now or timezone.now()
    result = DueCheckResult()
    channels = Channel.objects.filter(status=ChannelStatus.ACTIVE).select_related("organisation")
    for channel in channels.iterator(chunk_size=500):
        result.checked += 1
        limit = inactivity_limit_days(channel)
        last = channel.last_activity_at or channel.created_at
        if now - last > timedelta(days=limit):
            detail = (
                f"No activity since {last:%Y-%m-%d}; the limit is {limit} days. "
                "Reactivate the channel or close it (R6)."
            )
            result.opened_inactive += _open(channel, DueItemKind.INACTIVE, detail, now)
        months = channel.organisation.policy.get("register", {}).get("purpose_review_months", 12)
        reviewed = channel.purpose_reviewed_at or channel.created_at
        if reviewed <= months_before(now, months):
            detail = (
                f"Purpose last reviewed {reviewed:%Y-%m-%d}; it is reviewed every {months} months "
                "(R5)."
            )
            result.opened_review += _open(channel, DueItemKind.PURPOSE_REVIEW, detail, now)
    return result
