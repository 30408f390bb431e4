"""django-tasks' `db_worker`, with a heartbeat: a task whose worker dies mid-task is run again by another.

Same options as the original, plus `--heartbeat` and `--lease` (seconds; defaults TASK_HEARTBEAT_SECONDS and
TASK_LEASE_SECONDS). Any number of these may run, on any number of machines sharing the database.
"""
from __future__ import annotations

import threading
from datetime import timedelta

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from reports.worker_lease import heartbeat_loop


class LeasedWorker(db_worker.Worker):
    def __init__(self, *, heartbeat: float, lease: float, **kwargs):
        super().__init__(**kwargs)
        self.heartbeat, self.lease = heartbeat, timedelta(seconds=lease)

    def run(self) -> None:
        stop = threading.Event()
        beating = threading.Thread(target=heartbeat_loop, args=(self.worker_id,), daemon=True,
                                   kwargs={"interval": self.heartbeat, "lease": self.lease, "stop": stop})
        beating.start()
        try:
            super().run()
        finally:
            stop.set()
            beating.join(timeout=self.heartbeat + 5)


class Command(db_worker.Command):
    help = "Run a database background worker whose tasks survive its death"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--heartbeat", type=float, default=getattr(settings, "TASK_HEARTBEAT_SECONDS", 5),
                            help="Seconds between two signs of life (default: %(default)s)")
        parser.add_argument("--lease", type=float, default=getattr(settings, "TASK_LEASE_SECONDS", 60),
                            help="Seconds of silence after which a worker's task goes to another (default: %(default)s)")

    def handle(self, *args, heartbeat: float, lease: float, **options) -> None:
        original = db_worker.Worker
        db_worker.Worker = lambda **kwargs: LeasedWorker(heartbeat=heartbeat, lease=lease, **kwargs)
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
