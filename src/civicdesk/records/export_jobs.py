"""Archive exports asked for in the web app: queued as a job, written and validated by the worker,
so a large export never runs inside a web request."""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from civicdesk.core.exceptions import CivicdeskError, InvalidInput
from civicdesk.organisations.access import require_role
from civicdesk.records.archive.validate import validate_package
from civicdesk.records.export import FORMATS, export_organisation
from civicdesk.records.models import ExportJob
from civicdesk.records.requests import REQUEST_ROLES


def exports_folder(job: ExportJob) -> Path:
    return Path(settings.DATA_DIR) / "exports" / job.organisation.slug / f"{job.pk}-{job.format}"


def request_export(actor, organisation, *, package_format: str, start=None, end=None) -> ExportJob:
    require_role(actor, organisation, REQUEST_ROLES, action="export the archive")
    if package_format not in FORMATS:
        raise InvalidInput(f"choose one of {', '.join(FORMATS)}", field="format")
    if start and end and start > end:
        raise InvalidInput("the period ends before it starts", field="end")
    job = ExportJob.objects.create(
        organisation=organisation,
        format=package_format,
        start=start,
        end=end,
        requested_by=actor,
        requested_at=timezone.now(),
    )
    # Imported here: the task module imports this one for `run_job`.
    from civicdesk.records.tasks import run_export_job

    transaction.on_commit(lambda: run_export_job.enqueue(job.pk))
    return job


def run_job(job_id: int) -> ExportJob | None:
    """Write and validate the package; the job row records the outcome (tasks take ids)."""
    job = ExportJob.objects.select_related("organisation").filter(pk=job_id).first()
    if job is None or job.status != ExportJob.Status.QUEUED:
        return job
    job.status = ExportJob.Status.RUNNING
    job.save(update_fields=["status"])
    out = exports_folder(job)
    try:
        export_organisation(
            job.format,
            job.organisation.slug,
            out,
            start=job.start.isoformat() if job.start else None,
            end=job.end.isoformat() if job.end else None,
        )
    except CivicdeskError as error:
        job.status, job.message = ExportJob.Status.FAILED, error.message
    else:
        problems = validate_package(out)
        job.out_dir = str(out)
        if problems:
            job.status = ExportJob.Status.INVALID
            job.message = "\n".join(str(p) for p in problems[:50])
        else:
            job.status, job.message = ExportJob.Status.VALID, "archive validate: no problems"
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "out_dir", "finished_at"])
    return job
