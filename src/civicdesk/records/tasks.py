"""Background tasks of the records: the daily culling the packs allow (A2)."""

import logging

from django.utils import timezone
from django_tasks import task

from civicdesk.core.schedule import ensure_scheduled
from civicdesk.organisations.models import Organisation
from civicdesk.records.disposal import cull_due
from civicdesk.records.export_jobs import run_job
from civicdesk.records.snapshots import take_due_snapshots
from civicdesk.registry.tasks import next_daily_run

logger = logging.getLogger(__name__)


@task()
def cull_daily() -> dict:
    """Dispose of items of little importance past each pack's limit; holds are respected."""
    culled = {}
    for organisation in Organisation.objects.iterator():
        count = cull_due(organisation)
        if count:
            culled[organisation.slug] = count
            logger.info("%s: %s item(s) of little importance culled (A2)", organisation.slug, count)
    ensure_scheduled(cull_daily, next_daily_run(timezone.now()))
    return culled


@task()
def snapshot_daily() -> dict:
    """Snapshot the channels whose pack interval has passed (A3); then book tomorrow's run."""
    taken = take_due_snapshots()
    if taken:
        logger.info("%s channel snapshot(s) taken (A3)", taken)
    ensure_scheduled(snapshot_daily, next_daily_run(timezone.now()))
    return {"taken": taken}


@task()
def run_export_job(job_id: int) -> str:
    """Write and validate an export asked for in the web app (see `export_jobs.py`)."""
    job = run_job(job_id)
    return job.status if job else "gone"
