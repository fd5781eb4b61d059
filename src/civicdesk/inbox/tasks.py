"""Background tasks of the inbox, run by the `db_worker`."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from civicdesk.core.schedule import ensure_scheduled
from civicdesk.inbox.overdue import mark_overdue

logger = logging.getLogger(__name__)
EVERY = timedelta(minutes=15)


@task()
def check_overdue() -> dict:
    """Mark items past their deadline and tell the unit heads; then book the next check."""
    result = mark_overdue()
    if result.marked:
        logger.info("%s item(s) became overdue", result.marked)
    ensure_scheduled(check_overdue, timezone.now() + EVERY)
    return {"marked": result.marked, "notified": len(result.notified)}
