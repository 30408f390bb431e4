"""A task whose worker stopped beating goes back on the queue; one whose worker is alive stays with it."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from publication.tasks import render_export_part
from reports.models import WorkerBeat
from reports.worker_lease import MAX_ATTEMPTS, tasks_requeue_abandoned, worker_beat

pytestmark = pytest.mark.django_db

LEASE = timedelta(seconds=30)
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def running(*worker_ids: str, started_ago: timedelta = LEASE * 2) -> DBTaskResult:
    with override_settings(TASKS=DATABASE_QUEUE):
        result = render_export_part.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=list(worker_ids), started_at=timezone.now() - started_ago)
    return DBTaskResult.objects.get(pk=result.id)


def test_only_the_tasks_of_silent_workers_are_requeued():
    alive, dead, never = running("alive"), running("dead"), running("never-beat")
    fresh = running("just-started", started_ago=timedelta(seconds=1))
    worker_beat("alive")
    WorkerBeat.objects.create(worker_id="dead", seen_at=timezone.now() - LEASE * 3)
    assert tasks_requeue_abandoned(lease=LEASE) == 2
    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[alive.pk] == status[fresh.pk] == TaskResultStatus.RUNNING
    assert status[dead.pk] == status[never.pk] == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().filter(pk=dead.pk).exists()  # a worker will take it


def test_a_task_that_keeps_killing_its_workers_is_failed_not_retried():
    task = running(*[f"w{n}" for n in range(MAX_ATTEMPTS)])
    assert tasks_requeue_abandoned(lease=LEASE) == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and "3" in task.traceback


def test_old_beats_are_forgotten():
    WorkerBeat.objects.create(worker_id="gone", seen_at=timezone.now() - timedelta(days=2))
    worker_beat("here")
    assert set(WorkerBeat.objects.values_list("worker_id", flat=True)) == {"here"}
