"""Background tasks of the register, run by the `db_worker`."""

import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from civicdesk.registry.duecheck import check_channels

logger = logging.getLogger(__name__)
DAILY_AT = time(6, 0)


def next_daily_run(now: datetime) -> datetime:
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    candidate = datetime.combine(local.date(), DAILY_AT, tzinfo=local.tzinfo)
    if candidate <= local:
        candidate = datetime.combine(
            local.date() + timedelta(days=1), DAILY_AT, tzinfo=local.tzinfo
        )
    return candidate


@task()
def check_register_daily() -> dict:
    """Open due items for inactive channels and purpose reviews, then book tomorrow's run."""
    result = check_channels()
    logger.info(
        "register check: %s channels, %s went quiet, %s purpose reviews due",
        result.checked,
        result.opened_inactive,
        result.opened_review,
    )
    from civicdesk.core.schedule import ensure_scheduled

    ensure_scheduled(check_register_daily, next_daily_run(timezone.now()), replace=False)
    return {
        "checked": result.checked,
        "inactive": result.opened_inactive,
        "purpose_review": result.opened_review,
    }
