"""A whole province (about 20,000 agencies, two years of reports) on one installation: the dashboard of
each level, rendered by the test client as that level's 政务公开办; and a region's batch export of
1,000 reports (PROVINCE_EXPORT_REPORTS) run by one, then two `db_worker` processes."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency, AgencyLevel
from reports.demo.province import CODE, PEOPLE, load_province
from reports.models import Report

YEAR = 2026
WARM_RUNS = 5
TARGETS = {"warm": 300, "first": 1000}
EXPORT_REPORTS = int(os.environ.get("PROVINCE_EXPORT_REPORTS", "1000"))
ROOT = Path(__file__).resolve().parent.parent


def _timed(client: Client, url: str) -> tuple[float, int, float]:
    """Wall milliseconds, queries, CPU milliseconds of this process (which other work does not inflate)."""
    with CaptureQueriesContext(connection) as queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries.captured_queries), cpu


def _workers(count: int, shared: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "BENCH_SHARED_DIR": str(shared)}
    return [subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
                              "--interval", "0.2", "--worker-id", f"bench-{count}-{n}"],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for n in range(count)]


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2:].split()  # the fields after the command name, from the state on


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process, of its children it has waited for, and of its live descendants with theirs
    (a worker's render processes are forked by its fork server, which reaps them)."""
    ticks = os.sysconf("SC_CLK_TCK")
    fields = _stat(pid)
    total = sum(int(f) for f in fields[11:15]) / ticks  # utime, stime, cutime, cstime
    for child in Path("/proc").iterdir():
        if child.name.isdigit():
            try:
                if int(_stat(int(child.name))[1]) == pid:  # its parent
                    total += _cpu_seconds(int(child.name))
            except (OSError, IndexError, ValueError):
                continue  # gone meanwhile
    return total


def _parts_by_worker(worker_ids: list[str]) -> dict[str, int]:
    from django_tasks_db.models import DBTaskResult

    done = DBTaskResult.objects.filter(task_path__endswith="render_export_part").values_list("worker_ids", flat=True)
    return {w: sum(1 for ids in done if ids and ids[-1] == w) for w in worker_ids}


def _export_with(workers: int, region: Agency, year: int) -> tuple[float, int, list[float], list[int]]:
    """Seconds from the request to the finished ZIP with `workers` db_worker processes and an empty cache;
    the export's step count; each worker's CPU seconds (with its render processes) and parts rendered."""
    from django_tasks_db.models import DBTaskResult

    from publication.batch import batch_export_request
    from publication.models import BatchExport, ExportStatus

    BatchExport.objects.filter(region=region).delete()  # a fresh export, not the last run's
    DBTaskResult.objects.all().delete()
    shared = Path(tempfile.mkdtemp(prefix="nianbao-bench-province-"))
    processes = _workers(workers, shared)
    try:
        start = time.perf_counter()
        export = batch_export_request(region=region, year=year)
        while export.status not in (ExportStatus.DONE, ExportStatus.FAILED):
            time.sleep(0.2)
            export.refresh_from_db()
        elapsed = time.perf_counter() - start
        assert export.status == ExportStatus.DONE, export.error
        cpu = [_cpu_seconds(p.pid) for p in processes]
        parts = _parts_by_worker([f"bench-{workers}-{n}" for n in range(workers)])
        return elapsed, export.total, cpu, [parts[f"bench-{workers}-{n}"] for n in range(workers)]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
        shutil.rmtree(shared, ignore_errors=True)


def _seconds(values: list[float]) -> str:
    return ", ".join(f"{v:.1f} s" for v in values)


def _counts(values: list[int]) -> str:
    return ", ".join(str(v) for v in values)


def _export_section() -> str:
    from bench.bench_batch_export import YEAR as EXPORT_YEAR
    from bench.bench_batch_export import _setup

    region = _setup(EXPORT_REPORTS, code="bench-spread")
    load = os.getloadavg()[0]
    timings = {n: _export_with(n, region, EXPORT_YEAR) for n in (1, 2)}
    (one, steps, one_cpu, one_parts), (two, _steps, two_cpu, two_parts) = timings[1], timings[2]
    idle_one, idle_two = max(one_cpu), max(two_cpu)
    return (
        f"\n### Batch export spread over workers\n\n"
        f"{EXPORT_REPORTS:,} published reports of one region into one ZIP ({steps:,} steps: a PDF and a DOCX "
        "each, then the dataset), empty export cache, split into one task per report taken from the queue "
        "by `manage.py db_worker` processes (django-tasks' database backend), then one task for the ZIP. "
        f"Load average when it started: {load:.1f}.\n\n"
        "| workers | wall time | per report | CPU of each worker (with its render processes) "
        "| reports each rendered |\n|---:|---:|---:|---|---|\n"
        f"| 1 | {one:.1f} s | {1000 * one / EXPORT_REPORTS:.0f} ms | {_seconds(one_cpu)} | {_counts(one_parts)} |\n"
        f"| 2 | {two:.1f} s | {1000 * two / EXPORT_REPORTS:.0f} ms | {_seconds(two_cpu)} | {_counts(two_parts)} |\n\n"
        f"Wall time: two workers take {one / two:.2f}× less time than one. The busiest worker's CPU time is what "
        f"the wall time would be on otherwise idle cores: {idle_one:.1f} s with one worker, {idle_two:.1f} s with "
        f"two, {idle_one / idle_two:.2f}× (expect close to 2× on two cores).\n"
    )


def run() -> str:
    start = time.perf_counter()
    load_province(year=YEAR)
    build_s = time.perf_counter() - start
    agencies, reports = Agency.objects.count(), Report.objects.count()
    users = {username: level for username, level, _role in PEOPLE}
    load = os.getloadavg()[0]
    lines = []
    for username, level in users.items():
        government = Agency.objects.filter(code__startswith=CODE, kind="government", level=level).order_by("pk").first()
        below = government.descendants().count()
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        url = reverse("review:dashboard", args=[government.code, YEAR])
        first_ms, first_queries, first_cpu = _timed(client, url)
        warm = [_timed(client, url) for _ in range(WARM_RUNS)]
        warm_ms, warm_cpu = statistics.median(ms for ms, _q, _c in warm), statistics.median(c for *_r, c in warm)
        lines.append(f"| {AgencyLevel(level).label} ({below:,} agencies at or below) | {first_ms:.0f} ms "
                     f"(CPU {first_cpu:.0f} ms), {first_queries} queries | {warm_ms:.0f} ms (CPU {warm_cpu:.0f} ms), "
                     f"{warm[0][1]} queries |")
    return (
        "## Province scale\n\n"
        f"`bench/bench_province.py`: `loaddemo --province` built {agencies:,} agencies and {reports:,} reports "
        f"(last year's all published, this year's in every state) in {build_s:.0f} s; then each level's "
        "dashboard, rendered by the test client as its 政务公开办 (first render, then the median of "
        f"{WARM_RUNS}), by the wall clock and by this process's CPU time (the database is SQLite, in this "
        f"process). Targets: first ≤ {TARGETS['first']} ms, warm ≤ {TARGETS['warm']} ms. "
        f"Load average when the renders started: {load:.1f}.\n\n"
        "| level | first render | warm render |\n|---|---:|---:|\n" + "\n".join(lines) + "\n"
        + _export_section()
    )
