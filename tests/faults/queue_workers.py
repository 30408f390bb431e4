"""Two `db_worker` processes sharing the tasks of one job, on a real database file, watched from the test.

The job (a batch export, a file audit) is made by a world module (`python -m MODULE N` prints its id) in
production settings, as the workers use; the workers have a short heartbeat and lease.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager

from .server import ROOT, manage, production_env

WORKERS = ("worker-a", "worker-b")


class Queue:
    def __init__(self, db, job_id: int, workers: dict, *, state_sql: str, part_task: str):
        self.db, self.job_id, self.workers = db, job_id, workers
        self.state_sql, self.part_task = state_sql, part_task

    def state(self) -> tuple:
        return self.db.execute(self.state_sql, (self.job_id,)).fetchone()

    def part_tasks(self) -> list[tuple[str, list[str]]]:
        rows = self.db.execute("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path = ?",
                               (self.part_task,)).fetchall()
        return [(status, json.loads(ids)) for status, ids in rows]

    def finished_part_tasks(self, timeout: float = 60) -> list[tuple[str, list[str]]]:
        """The part tasks once none is queued or running: a part retried after the job ended (its first worker
        killed after counting it) is marked finished a moment after the job."""
        deadline = time.monotonic() + timeout
        while True:
            self.db.commit()  # a fresh snapshot each time
            tasks = self.part_tasks()
            if not any(status in ("READY", "RUNNING") for status, _ids in tasks):
                return tasks
            assert time.monotonic() < deadline, f"part tasks still unfinished: {tasks}"
            time.sleep(0.05)

    def wait(self, condition, timeout: float = 300) -> list[tuple]:
        """Watch the job until `condition(state)` (its first column is the status); returns every state seen."""
        seen, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.db.commit()  # a fresh snapshot each time
            state = self.state()
            seen.append(state)
            if condition(state) or state[0] == "failed":
                return seen
            time.sleep(0.05)
        raise AssertionError(f"still {seen[-1][:3]} after {timeout} s")

    def kill_first_worker_mid_part(self) -> None:
        victim = self.workers[WORKERS[0]]
        deadline = time.monotonic() + 300
        while not any(s == "RUNNING" and ids[-1] == WORKERS[0] for s, ids in self.part_tasks()):
            assert time.monotonic() < deadline, "the worker never took a part"
            time.sleep(0.02)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=30)


@contextmanager
def two_workers(tmp_path, world: str, count: int, *, state_sql: str, part_task: str):
    database = tmp_path / "queue.sqlite3"
    env = production_env(f"sqlite:///{database}", tmp_path)
    manage(env, "migrate", "-v0")
    made = subprocess.run([sys.executable, "-m", world, str(count)], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True, timeout=300)
    job_id = int(made.stdout.split()[-1])
    workers = {}
    for name in WORKERS:
        log = (tmp_path / f"{name}.log").open("w")
        workers[name] = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1",
             "--heartbeat", "0.5", "--lease", "3", "--worker-id", name],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        yield Queue(sqlite3.connect(database, timeout=30), job_id, workers, state_sql=state_sql, part_task=part_task)
    finally:
        for process in workers.values():
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
