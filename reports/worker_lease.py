"""Tasks survive the death of their worker.

django-tasks' database backend marks a task RUNNING when a worker claims it and never looks at it
again: a worker killed mid-task (out of memory, a machine rebooted) would leave it RUNNING for ever.
Every `db_worker` (reports/management/commands/db_worker.py) writes a heartbeat every few seconds
and, in the same beat, puts back on the queue each RUNNING task whose worker has been silent for
longer than the lease. The tasks are written to be run again: a retried task redoes its part and
counts it once.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.db import close_old_connections
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerBeat

logger = logging.getLogger(__name__)

# A task claimed this many times and still not finished kills its workers: it is failed, not retried.
MAX_ATTEMPTS = 3


class WorkerLost(RuntimeError):
    """Recorded as the failure of a task whose workers kept dying under it."""


# Beats of workers gone this long are forgotten (each start of a worker has an id of its own).
FORGET_AFTER = timedelta(days=1)


def worker_beat(worker_id: str) -> None:
    now = timezone.now()
    WorkerBeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now})
    WorkerBeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def tasks_requeue_abandoned(*, lease: timedelta) -> int:
    """Put back on the queue every RUNNING task whose worker has not beaten for `lease`; returns how many."""
    silent_since = timezone.now() - lease
    running = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=silent_since)
                   .values_list("pk", "worker_ids", "started_at"))
    if not running:
        return 0
    beats = dict(WorkerBeat.objects.filter(worker_id__in=[ids[-1] for _pk, ids, _s in running if ids])
                 .values_list("worker_id", "seen_at"))
    requeued = 0
    for pk, worker_ids, started_at in running:
        seen = beats.get(worker_ids[-1]) if worker_ids else None
        if seen is not None and seen >= silent_since:
            continue
        # Only if nobody touched it meanwhile: the same claim, still running.
        same = DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at)
        if len(worker_ids) >= MAX_ATTEMPTS:
            same.update(status=TaskResultStatus.FAILED, finished_at=timezone.now(),
                        exception_class_path="reports.worker_lease.WorkerLost",
                        traceback=f"Its worker died {len(worker_ids)} times.")
            continue
        requeued += same.update(status=TaskResultStatus.READY, started_at=None)
        logger.warning("task %s lost its worker %s: back on the queue", pk, worker_ids[-1] if worker_ids else "?")
    return requeued


def heartbeat_loop(worker_id: str, *, interval: float, lease: timedelta, stop) -> None:
    """Run in a thread of the worker until `stop` (a threading.Event) is set."""
    while not stop.is_set():
        try:
            worker_beat(worker_id)
            tasks_requeue_abandoned(lease=lease)
        except OperationalError:  # a busy or restarting database: the next beat tries again
            logger.warning("worker %s could not beat", worker_id, exc_info=True)
        finally:
            close_old_connections()
        stop.wait(interval)
