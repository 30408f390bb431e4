"""The batch export shared by several `db_worker` processes: progress adds up, and a worker killed mid-task
loses nothing (its task goes back on the queue and another worker finishes it).

Real processes on a real database file: the export is requested by one process, run by two workers
(production settings, short heartbeat and lease), and watched from here through the database itself.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import pytest

from .server import ROOT, manage, production_env

WORKERS = ("worker-a", "worker-b")
PART_TASK = "publication.tasks.render_export_part"
REPORTS = 6


@pytest.fixture
def queue(tmp_path):
    database = tmp_path / "queue.sqlite3"
    env = production_env(f"sqlite:///{database}", tmp_path)
    manage(env, "migrate", "-v0")
    made = subprocess.run([sys.executable, "-m", "tests.faults.queue_world", str(REPORTS)], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True, timeout=300)
    export_id = int(made.stdout.split()[-1])
    workers = {}
    for name in WORKERS:
        log = (tmp_path / f"{name}.log").open("w")
        workers[name] = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1",
             "--heartbeat", "0.5", "--lease", "3", "--worker-id", name],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    yield Queue(sqlite3.connect(database, timeout=30), export_id, workers)
    for process in workers.values():
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


class Queue:
    def __init__(self, db, export_id, workers):
        self.db, self.export_id, self.workers = db, export_id, workers

    def export(self) -> tuple[str, int, int, str]:
        return self.db.execute("SELECT status, done, total, file_path FROM publication_batchexport WHERE id = ?",
                               (self.export_id,)).fetchone()

    def part_tasks(self) -> list[tuple[str, list[str]]]:
        rows = self.db.execute("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path = ?",
                               (PART_TASK,)).fetchall()
        return [(status, json.loads(ids)) for status, ids in rows]

    def wait(self, condition, timeout: float = 300):
        """Watch the export until `condition(export)`; returns every progress seen on the way."""
        seen, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.db.commit()  # a fresh snapshot each time
            state = self.export()
            seen.append(state)
            if condition(state) or state[0] == "failed":
                return seen
            time.sleep(0.05)
        raise AssertionError(f"still {seen[-1]} after {timeout} s")


def _whole(path: str) -> set[str]:
    archive = zipfile.ZipFile(path)
    assert archive.testzip() is None
    return set(archive.namelist())


def _expected() -> set[str]:
    stems = [f"q{i}-2024" for i in range(REPORTS)]
    return ({f"pdf/{s}.pdf" for s in stems} | {f"docx/{s}.docx" for s in stems}
            | {f"data/queuequ-2024.{ext}" for ext in ("json", "csv", "xlsx")})


def test_progress_adds_up_across_workers(queue):
    seen = queue.wait(lambda s: s[0] == "done")
    status, done, total, path = seen[-1]
    assert status == "done" and done == total == REPORTS * 2 + 1
    progress = [s[1] for s in seen]
    assert progress == sorted(progress) and len(set(progress)) > 2  # one bar, moving forward, never past total
    tasks = queue.part_tasks()
    assert len(tasks) == REPORTS and all(s == "SUCCESSFUL" for s, _ in tasks)
    assert {ids[-1] for _s, ids in tasks} == set(WORKERS)  # both workers did parts of this one export
    assert _whole(path) == _expected()


def test_a_worker_killed_mid_task_loses_nothing(queue):
    victim = queue.workers[WORKERS[0]]
    deadline = time.monotonic() + 300
    while not any(s == "RUNNING" and ids[-1] == WORKERS[0] for s, ids in queue.part_tasks()):
        assert time.monotonic() < deadline, "the worker never took a part"
        time.sleep(0.02)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    seen = queue.wait(lambda s: s[0] == "done")
    status, done, total, path = seen[-1]
    assert status == "done" and done == total == REPORTS * 2 + 1
    tasks = queue.part_tasks()
    assert len(tasks) == REPORTS and all(s == "SUCCESSFUL" for s, _ in tasks)
    assert [WORKERS[0], WORKERS[1]] in [ids for _s, ids in tasks]  # the killed one's part, retried by the other
    assert _whole(path) == _expected()
