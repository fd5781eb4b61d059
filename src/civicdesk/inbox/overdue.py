"""Items past their deadline (I5): marked, counted, and the responsible unit head told."""

from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.db.models import Count, Q
from django.utils import timezone

from civicdesk.inbox.models import OPEN_STATUSES, Item
from civicdesk.organisations.models import Person, RoleAssignment, Unit
from civicdesk.organisations.roles import Role


def late_items(now=None) -> Q:
    """Overdue: marked by the worker, or past the deadline and still open."""
    now = now or timezone.now()
    return Q(overdue_since__isnull=False) | Q(due_at__lt=now, status__in=OPEN_STATUSES)


@dataclass
class OverdueResult:
    marked: int = 0
    notified: list[str] = field(default_factory=list)


def unit_heads(unit: Unit) -> list[Person]:
    """The heads responsible for `unit`: the nearest unit up the tree that has one."""
    for candidate in unit.ancestors_and_self():
        heads = [
            a.person
            for a in RoleAssignment.objects.filter(
                role=Role.UNIT_HEAD, unit=candidate
            ).select_related("person")
        ]
        if heads:
            return heads
    return [
        a.person
        for a in RoleAssignment.objects.filter(
            role=Role.UNIT_HEAD, organisation=unit.organisation, unit__isnull=True
        ).select_related("person")
    ]


def mark_overdue(now=None) -> OverdueResult:
    now = now or timezone.now()
    result = OverdueResult()
    late = Item.objects.filter(status__in=OPEN_STATUSES, due_at__lt=now, overdue_since__isnull=True)
    by_unit: dict[int, list[int]] = {}
    for item in late.select_related("assignee__unit", "route_unit").iterator(chunk_size=1000):
        unit = item.assignee.unit if item.assignee_id else item.route_unit
        if unit is not None:
            by_unit.setdefault(unit.pk, []).append(item.pk)
    result.marked = late.update(overdue_since=now)
    for unit in Unit.objects.filter(pk__in=by_unit):
        addresses = sorted(
            {p.email for p in unit_heads(unit) if p.email}
            | ({unit.mailbox} if unit.mailbox else set())
        )
        if not addresses:
            continue
        count = len(by_unit[unit.pk])
        send_mail(
            subject=f"[Civicdesk] {count} item(s) past their reply deadline in {unit.name}",
            message=f"{count} item(s) for {unit.name} were not answered in time (I5).",
            from_email=None,
            recipient_list=addresses,
        )
        result.notified.extend(addresses)
    return result


def overdue_counts(organisation) -> dict[str, int]:
    """Overdue open items per channel, for the dashboard."""
    rows = (
        Item.objects.filter(
            organisation=organisation, status__in=OPEN_STATUSES, overdue_since__isnull=False
        )
        .values("channel__slug")
        .annotate(n=Count("pk"))
    )
    return {row["channel__slug"]: row["n"] for row in rows}
