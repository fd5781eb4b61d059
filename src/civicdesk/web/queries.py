"""Read-only queries behind the staff pages, always starting from what the user may see.

The inbox's `visible_items` and the register's `channels_for` decide visibility; everything here
narrows or counts their results, so no page can show (or count) another organisation's data.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from civicdesk.inbox.access import visible_items
from civicdesk.inbox.models import Item
from civicdesk.inbox.overdue import late_items
from civicdesk.organisations.access import (
    access_organisation,
    organisations_of,
    require_role,
)
from civicdesk.organisations.models import Organisation
from civicdesk.organisations.roles import INBOX_ROLES, Role
from civicdesk.records.models import DiaryEntry
from civicdesk.registry.models import ChannelDueItem, DueItemKind
from civicdesk.registry.services import channels_for


def organisation_for(user, slug: str | None) -> Organisation | None:
    """The organisation chosen by `slug` (NotFound if not the user's), else the user's first."""
    if slug:
        return access_organisation(user, slug)
    return organisations_of(user).order_by("name").first()


def thread_of(user, item: Item) -> QuerySet[Item]:
    """Visible items of the same conversation: its parent, its siblings and its replies."""
    related = Q(in_reply_to=item.external_id)
    if item.in_reply_to:
        related |= Q(external_id=item.in_reply_to) | Q(in_reply_to=item.in_reply_to)
    return (
        visible_items(user)
        .filter(channel=item.channel)
        .filter(related)
        .exclude(pk=item.pk)
        .order_by("created_at", "pk")
    )


def consult_role(organisation: Organisation) -> str:
    """The role the register asks to be consulted before opening a channel (R2)."""
    return organisation.policy.get("register", {}).get("consult_role", Role.COMMUNICATIONS_CHIEF)


def diary_for(user, organisation: Organisation) -> QuerySet[DiaryEntry]:
    """The organisation's diary, newest first; inbox staff only (as `GET /api/diary`)."""
    require_role(user, organisation, INBOX_ROLES, action="read the diary")
    return DiaryEntry.objects.filter(organisation=organisation).order_by(
        "-year", "-sequence", "-document"
    )


@dataclass
class Dashboard:
    days: list[date]
    per_day: dict[str, dict[date, int]]  # channel name → day → items received
    overdue: int
    open_items: int
    actions: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    answered_on_time: int = 0
    answered_late: int = 0
    quiet: list[ChannelDueItem] = field(default_factory=list)


def dashboard(user, organisation: Organisation, *, days: int = 14, now=None) -> Dashboard:
    """The dashboard's figures for one organisation, counted over what the user may see."""
    now = now or timezone.now()
    zone = ZoneInfo(organisation.timezone)
    today = timezone.localtime(now, zone).date()
    first = today - timedelta(days=days - 1)
    # A plain queryset over the visible ids: no joins left to multiply rows in the counts.
    items = Item.objects.filter(
        pk__in=visible_items(user).filter(organisation=organisation).values("pk")
    )
    recent = items.filter(created_at__gte=now - timedelta(days=days + 1))

    per_day: dict[str, dict[date, int]] = {}
    rows = (
        recent.annotate(day=TruncDate("created_at", tzinfo=zone))
        .filter(day__gte=first)
        .values("channel__name", "day")
        .annotate(n=Count("pk"))
        .order_by("channel__name", "day")
    )
    for row in rows:
        per_day.setdefault(row["channel__name"], {})[row["day"]] = row["n"]

    result = Dashboard(
        days=[first + timedelta(days=n) for n in range(days)],
        per_day=per_day,
        overdue=items.filter(late_items()).count(),
        open_items=items.filter(status__in=("triaged", "assigned", "forwarded")).count(),
    )
    moderated = recent.exclude(moderation_action="keep")
    for action, reasons in moderated.values_list("moderation_action", "moderation_reasons"):
        result.actions[action] += 1
        for code in {r.get("code") for r in reasons or [] if isinstance(r, dict)}:
            if code:
                result.reasons[code] += 1
    answered = (
        recent.filter(due_at__isnull=False)
        .annotate(first_reply=Min("replies__created_at"))
        .filter(first_reply__isnull=False)
        .values_list("due_at", "first_reply")
    )
    for due_at, first_reply in answered:
        if first_reply <= due_at:
            result.answered_on_time += 1
        else:
            result.answered_late += 1
    result.quiet = list(
        ChannelDueItem.objects.filter(
            channel__in=channels_for(user, organisation.slug),
            kind=DueItemKind.INACTIVE,
            resolved_at__isnull=True,
        )
        .select_related("channel")
        .order_by("opened_at")
    )
    return result


@dataclass
class ReplyWeek:
    """Items received in one week (Monday first) that were due a reply, by how they fared."""

    start: date
    on_time: int = 0  # first reply at or before the deadline
    late: int = 0  # first reply after it
    missed: int = 0  # no reply, deadline passed
    waiting: int = 0  # no reply yet, deadline still ahead
    reply_hours: list[float] = field(default_factory=list)  # receipt → first reply
    allowed_hours: list[float] = field(default_factory=list)  # receipt → deadline

    @property
    def due(self) -> int:
        """Items whose outcome is known: answered, or past their deadline."""
        return self.on_time + self.late + self.missed

    @property
    def share_on_time(self) -> int | None:
        return round(100 * self.on_time / self.due) if self.due else None

    @property
    def median_reply_hours(self) -> float | None:
        return round(median(self.reply_hours), 1) if self.reply_hours else None

    @property
    def median_allowed_hours(self) -> float | None:
        return round(median(self.allowed_hours), 1) if self.allowed_hours else None


def reply_times(user, organisation: Organisation, *, weeks: int = 8, now=None) -> list[ReplyWeek]:
    """Per week of receipt, the items due a reply against their deadline (I5), oldest first.

    Counted over what the user may see; the first reply (`Reply.created_at`) is the answer.
    """
    now = now or timezone.now()
    zone = ZoneInfo(organisation.timezone)
    today = timezone.localtime(now, zone).date()
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=weeks - 1)
    result = {
        first + timedelta(weeks=n): ReplyWeek(first + timedelta(weeks=n)) for n in range(weeks)
    }
    start = datetime.combine(first, time.min, tzinfo=zone)
    rows = (
        Item.objects.filter(
            pk__in=visible_items(user).filter(organisation=organisation).values("pk"),
            due_at__isnull=False,
            created_at__gte=start,
        )
        .annotate(first_reply=Min("replies__created_at"))
        .values_list("created_at", "due_at", "first_reply")
    )
    for created_at, due_at, first_reply in rows:
        day = timezone.localtime(created_at, zone).date()
        week = result.get(day - timedelta(days=day.weekday()))
        if week is None:
            continue
        if first_reply is not None:
            if first_reply <= due_at:
                week.on_time += 1
            else:
                week.late += 1
            week.reply_hours.append(max((first_reply - created_at).total_seconds(), 0) / 3600)
        elif due_at < now:
            week.missed += 1
        else:
            week.waiting += 1
        if first_reply is not None or due_at < now:
            week.allowed_hours.append(max((due_at - created_at).total_seconds(), 0) / 3600)
    return list(result.values())
