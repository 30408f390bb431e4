"""The batch export shared by several `db_worker` processes: progress adds up, and a worker killed mid-task
loses nothing (its task goes back on the queue and another worker finishes it).

Real processes on a real database file: the export is requested by one process, run by two workers
(production settings, short heartbeat and lease), and watched from here through the database itself.
"""
from __future__ import annotations

import zipfile

import pytest

from .queue_workers import WORKERS, two_workers

REPORTS = 6


@pytest.fixture
def queue(tmp_path):
    with two_workers(tmp_path, "tests.faults.queue_world", REPORTS, part_task="publication.tasks.render_export_part",
                     state_sql="SELECT status, done, total, file_path FROM publication_batchexport WHERE id = ?") as q:
        yield q


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
    tasks = queue.finished_part_tasks()
    assert len(tasks) == REPORTS and all(s == "SUCCESSFUL" for s, _ in tasks)
    assert {ids[-1] for _s, ids in tasks} == set(WORKERS)  # both workers did parts of this one export
    assert _whole(path) == _expected()


def test_a_worker_killed_mid_task_loses_nothing(queue):
    queue.kill_first_worker_mid_part()
    seen = queue.wait(lambda s: s[0] == "done")
    status, done, total, path = seen[-1]
    assert status == "done" and done == total == REPORTS * 2 + 1
    tasks = queue.finished_part_tasks()
    assert len(tasks) == REPORTS and all(s == "SUCCESSFUL" for s, _ in tasks)
    assert [WORKERS[0], WORKERS[1]] in [ids for _s, ids in tasks]  # the killed one's part, retried by the other
    assert _whole(path) == _expected()
