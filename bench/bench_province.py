"""A whole province (about 20,000 agencies, two years of reports) on one installation: the dashboard of
each level, rendered by the test client as that level's 政务公开办."""
from __future__ import annotations

import statistics
import time

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


def _timed(client: Client, url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries.captured_queries)


def run() -> str:
    start = time.perf_counter()
    load_province(year=YEAR)
    build_s = time.perf_counter() - start
    agencies, reports = Agency.objects.count(), Report.objects.count()
    users = {username: level for username, level, _role in PEOPLE}
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
        f"{WARM_RUNS}). Targets: first ≤ {TARGETS['first']} ms, warm ≤ {TARGETS['warm']} ms.\n\n"
        "| level | first render | warm render |\n|---|---:|---:|\n" + "\n".join(lines) + "\n"
    )
