"""Recurring tasks on the Tasks API: each run books the next, and start-up books the first.

The Tasks API has no scheduler of its own, so a recurring task enqueues its own next run with
`run_after`. `ensure_scheduled` is idempotent: it enqueues only when no ready run of that task is
waiting, so `make run` can call it on every start.
"""

from datetime import datetime

from django_tasks_db.models import DBTaskResult


def _waiting(task_path: str):
    return DBTaskResult.objects.filter(task_path=task_path, status="READY")


def ensure_scheduled(task, run_after: datetime | None, *, replace: bool = False) -> bool:
    """Enqueue `task` to run after `run_after` unless a run is already waiting. True if enqueued."""
    waiting = _waiting(task.module_path)
    if waiting.exists():
        if not replace:
            return False
        waiting.delete()
    task.using(run_after=run_after).enqueue()
    return True
