"""The file audit shared by several `db_worker` processes: one task per file, progress adds up, and a worker
killed mid-file loses nothing (its task goes back on the queue and another worker reads the file).

Real processes on a real database file: the audit is started by one process, run by two workers
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

import pytest

from .server import ROOT, manage, production_env

WORKERS = ("worker-a", "worker-b")
PART_TASK = "quality.tasks.read_audit_part"
FILES = 8


@pytest.fixture
def queue(tmp_path):
    database = tmp_path / "queue.sqlite3"
    env = production_env(f"sqlite:///{database}", tmp_path)
    manage(env, "migrate", "-v0")
    made = subprocess.run([sys.executable, "-m", "tests.faults.audit_world", str(FILES)], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True, timeout=300)
    run_id = int(made.stdout.split()[-1])
    workers = {}
    for name in WORKERS:
        log = (tmp_path / f"{name}.log").open("w")
        workers[name] = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1",
             "--heartbeat", "0.5", "--lease", "3", "--worker-id", name],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    yield Queue(sqlite3.connect(database, timeout=30), run_id, workers)
    for process in workers.values():
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


class Queue:
    def __init__(self, db, run_id, workers):
        self.db, self.run_id, self.workers = db, run_id, workers

    def run(self) -> tuple[str, int, int, str, str]:
        return self.db.execute("SELECT status, done, total, rows, upload_dir FROM quality_auditrun WHERE id = ?",
                               (self.run_id,)).fetchone()

    def part_tasks(self) -> list[tuple[str, list[str]]]:
        rows = self.db.execute("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path = ?",
                               (PART_TASK,)).fetchall()
        return [(status, json.loads(ids)) for status, ids in rows]

    def wait(self, condition, timeout: float = 300):
        """Watch the audit until `condition(run)`; returns every progress seen on the way."""
        seen, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.db.commit()  # a fresh snapshot each time
            state = self.run()
            seen.append(state)
            if condition(state) or state[0] == "failed":
                return seen
            time.sleep(0.05)
        raise AssertionError(f"still {seen[-1][:3]} after {timeout} s")


def _check_rows(rows: str) -> None:
    found = json.loads(rows)
    assert [r["source"] for r in found] == [f"a{i}-2024.docx" for i in range(FILES)]  # the files' order
    assert [r["number"] for r in found] == list(range(1, FILES + 1))
    assert all(not r["error"] and r["agency_code"] == f"a{i}" for i, r in enumerate(found))


def _finished(queue, seen) -> None:
    status, done, total, rows, upload_dir = seen[-1]
    assert status == "done" and done == total == FILES
    progress = [s[1] for s in seen]
    assert progress == sorted(progress)  # one bar, moving forward, never past total
    _check_rows(rows)
    assert not os.path.exists(upload_dir)


def test_progress_adds_up_across_workers(queue):
    seen = queue.wait(lambda s: s[0] == "done")
    _finished(queue, seen)
    assert len({s[1] for s in seen}) > 2
    tasks = queue.part_tasks()
    assert len(tasks) == FILES and all(s == "SUCCESSFUL" for s, _ in tasks)
    assert {ids[-1] for _s, ids in tasks} == set(WORKERS)  # both workers read files of this one audit


def test_a_worker_killed_mid_file_loses_nothing(queue):
    victim = queue.workers[WORKERS[0]]
    deadline = time.monotonic() + 300
    while not any(s == "RUNNING" and ids[-1] == WORKERS[0] for s, ids in queue.part_tasks()):
        assert time.monotonic() < deadline, "the worker never took a file"
        time.sleep(0.02)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    seen = queue.wait(lambda s: s[0] == "done")
    _finished(queue, seen)
    tasks = queue.part_tasks()
    assert len(tasks) == FILES and all(s == "SUCCESSFUL" for s, _ in tasks)
    assert [WORKERS[0], WORKERS[1]] in [ids for _s, ids in tasks]  # the killed one's file, read by the other
