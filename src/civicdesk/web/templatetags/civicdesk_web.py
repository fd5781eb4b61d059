"""Filters for the staff pages: code → words, and the deadline countdown."""

from django import template
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _

from civicdesk.inbox.models import OPEN_STATUSES
from civicdesk.web import labels, service_text

register = template.Library()

TABLES = {
    "category": labels.CATEGORIES,
    "reason": labels.REASONS,
    "moderation": labels.MODERATION_ACTIONS,
    "route": labels.ROUTE_ACTIONS,
    "status": labels.STATUSES,
    "record": labels.RECORD_STATUSES,
    "kind": labels.KINDS,
    "channel_status": labels.CHANNEL_STATUSES,
    "channel_event": labels.CHANNEL_EVENTS,
    "history_field": labels.HISTORY_FIELDS,
    "diary_reason": labels.DIARY_REASONS,
    "export_status": labels.EXPORT_STATUSES,
    "reply_state": labels.REPLY_STATES,
    "due_kind": labels.DUE_KINDS,
}


@register.filter
def label(code, table: str):
    """`{{ item.category|label:"category" }}`: the translated word for a stored code."""
    if not code:
        return ""
    return labels.label(TABLES[table], code)


@register.filter
def countdown(due_at, now=None):
    """ "in 3 hours, 20 minutes" or "4 hours late"; empty when no reply is due."""
    if not due_at:
        return ""
    now = now or timezone.now()
    if due_at >= now:
        return _("in %(time)s") % {"time": timeuntil(due_at, now, depth=2)}
    return _("%(time)s late") % {"time": timesince(due_at, now, depth=2)}


@register.filter
def is_late(item, now=None) -> bool:
    now = now or timezone.now()
    if item.overdue_since:
        return True
    return bool(item.due_at and item.due_at < now and item.status in OPEN_STATUSES)


@register.filter(name="service_text")
def service_text_filter(text: str) -> str:
    """A message a service stored in English, in the reader's language when we know it."""
    return service_text.translate(text or "")
