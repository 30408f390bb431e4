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


def _timed(client: Client, url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries.captured_queries)


def _workers(count: int, shared: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "BENCH_SHARED_DIR": str(shared)}
    return [subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
                              "--interval", "0.2", "--worker-id", f"bench-{count}-{n}"],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for n in range(count)]


def _export_with(workers: int, region: Agency, year: int) -> tuple[float, int]:
    """Seconds from the request to the finished ZIP with `workers` db_worker processes and an empty cache."""
    from publication.batch import batch_export_request
    from publication.models import BatchExport, ExportStatus

    BatchExport.objects.filter(region=region).delete()  # a fresh export, not the last run's
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
        return elapsed, export.total
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
        shutil.rmtree(shared, ignore_errors=True)


def _export_section() -> str:
    from bench.bench_batch_export import YEAR as EXPORT_YEAR
    from bench.bench_batch_export import _setup

    region = _setup(EXPORT_REPORTS, code="bench-spread")
    load = os.getloadavg()[0]
    timings = {n: _export_with(n, region, EXPORT_YEAR) for n in (1, 2)}
    (one, steps), (two, _steps) = timings[1], timings[2]
    return (
        f"\n### Batch export spread over workers\n\n"
        f"{EXPORT_REPORTS:,} published reports of one region into one ZIP ({steps:,} steps: a PDF and a DOCX "
        "each, then the dataset), empty export cache, split into one task per report taken from the queue "
        "by `manage.py db_worker` processes (django-tasks' database backend), then one task for the ZIP. "
        f"Load average when it started: {load:.1f}.\n\n"
        "| workers | wall time | per report |\n|---:|---:|---:|\n"
        f"| 1 | {one:.1f} s | {1000 * one / EXPORT_REPORTS:.0f} ms |\n"
        f"| 2 | {two:.1f} s | {1000 * two / EXPORT_REPORTS:.0f} ms |\n\n"
        f"Two workers take {one / two:.2f}× less time than one (on two otherwise idle cores, expect close to 2×).\n"
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
        first_ms, first_queries = _timed(client, url)
        warm = [_timed(client, url) for _ in range(WARM_RUNS)]
        warm_ms = statistics.median(ms for ms, _ in warm)
        lines.append(f"| {AgencyLevel(level).label} ({below:,} agencies at or below) | {first_ms:.0f} ms, "
                     f"{first_queries} queries | {warm_ms:.0f} ms, {warm[0][1]} queries |")
    return (
        "## Province scale\n\n"
        f"`bench/bench_province.py`: `loaddemo --province` built {agencies:,} agencies and {reports:,} reports "
        f"(last year's all published, this year's in every state) in {build_s:.0f} s; then each level's "
        "dashboard, rendered by the test client as its 政务公开办 (first render, then the median of "
        f"{WARM_RUNS}). Targets: first ≤ {TARGETS['first']} ms, warm ≤ {TARGETS['warm']} ms. "
        f"Load average when the renders started: {load:.1f}.\n\n"
        "| level | first render | warm render |\n|---|---:|---:|\n" + "\n".join(lines) + "\n"
        + _export_section()
    )
