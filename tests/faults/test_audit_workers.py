"""The file audit shared by several `db_worker` processes: one task per file, progress adds up, and a worker
killed mid-file loses nothing (its task goes back on the queue and another worker reads the file).

Real processes on a real database file: the audit is started by one process, run by two workers
(production settings, short heartbeat and lease), and watched from here through the database itself.
"""
from __future__ import annotations

import json
import os

import pytest

from .queue_workers import WORKERS, two_workers

FILES = 8


@pytest.fixture
def queue(tmp_path):
    with two_workers(tmp_path, "tests.faults.audit_world", FILES, part_task="quality.tasks.read_audit_part",
                     state_sql="SELECT status, done, total, rows, upload_dir FROM quality_auditrun WHERE id = ?") as q:
        yield q


def _finished(seen) -> None:
    status, done, total, rows, upload_dir = seen[-1]
    assert status == "done" and done == total == FILES
    progress = [s[1] for s in seen]
    assert progress == sorted(progress)  # one bar, moving forward, never past total
    found = json.loads(rows)
    assert [r["source"] for r in found] == [f"a{i}-2024.docx" for i in range(FILES)]  # in the files' order
    assert [r["number"] for r in found] == list(range(1, FILES + 1))
    assert all(not r["error"] and r["agency_code"] == f"a{i}" for i, r in enumerate(found))
    assert not os.path.exists(upload_dir)  # the files are gone


def test_progress_adds_up_across_workers(queue):
    seen = queue.wait(lambda s: s[0] == "done")
    _finished(seen)
    assert len({s[1] for s in seen}) > 2
    tasks = queue.finished_part_tasks()
    assert len(tasks) == FILES and all(s == "SUCCESSFUL" for s, _ in tasks)
    assert {ids[-1] for _s, ids in tasks} == set(WORKERS)  # both workers read files of this one audit


def test_a_worker_killed_mid_file_loses_nothing(queue):
    queue.kill_first_worker_mid_part()
    _finished(queue.wait(lambda s: s[0] == "done"))
    tasks = queue.finished_part_tasks()
    assert len(tasks) == FILES and all(s == "SUCCESSFUL" for s, _ in tasks)
    assert [WORKERS[0], WORKERS[1]] in [ids for _s, ids in tasks]  # the killed one's file, read by the other
