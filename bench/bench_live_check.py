"""Server time of the live check of 表三: the request a step page sends while someone types.

Each sample changes one cell of a full 表三 (as typing does) and posts the whole step
to the live-check endpoint through the Django test client: save, recompute totals,
run every cross-check, render the findings fragment.
"""
from __future__ import annotations

import os
import statistics
import time
from functools import cache
from urllib.parse import urlencode

from django.test import Client

SAMPLES = 200
TARGET_P95_MS = 30


@cache  # bench_requests and bench_profile use the same editor and report in the same run
def _setup():
    from django.contrib.auth import get_user_model

    from agencies.models import Agency, AgencyKind, AgencyLevel, Membership, Role
    from reports.services import report_create, report_write

    government = Agency.objects.create(name="实时校验基准区人民政府", code="bench-live-gov", kind=AgencyKind.GOVERNMENT,
                                       level=AgencyLevel.COUNTY)
    agency = Agency.objects.create(name="实时校验基准区测试局", code="bench-live", kind=AgencyKind.DEPARTMENT,
                                   level=AgencyLevel.COUNTY, parent=government)
    user = get_user_model().objects.create_user("bench-live-editor", password="bench-live-pass-123")
    Membership.objects.create(user=user, agency=agency, role=Role.EDITOR)
    last = report_create(agency=agency, year=2023)
    fmt = last.format
    table = fmt.table("apply")
    report_write(report=last, cells={f.key: 1 for f in table.fields if f.row == "carried_over"})
    report = report_create(agency=agency, year=2024)
    typed = {f.key: str(2 + i % 5) for i, f in enumerate(table.fields) if not f.computed}
    return user, report, typed


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def run() -> str:
    user, report, typed = _setup()
    client = Client()
    client.force_login(user)
    url = f"/reports/{report.agency.code}/{report.year}/steps/apply/live/"
    wall, cpu = [], []
    load_before = os.getloadavg()[0]
    for i in range(SAMPLES + 10):
        report.refresh_from_db(fields=["version"])
        typed["apply.new.natural"] = str(10 + i)
        body = urlencode({"version": report.version, **typed})  # as htmx sends a form
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.post(url, body, content_type="application/x-www-form-urlencoded", HTTP_HX_REQUEST="true")
        elapsed, elapsed_cpu = (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000
        assert response.status_code == 200, response.status_code
        if i >= 10:  # the first requests warm caches and translations
            wall.append(elapsed)
            cpu.append(elapsed_cpu)
    load = max(load_before, os.getloadavg()[0])
    p50, p95 = _percentiles(wall)
    cpu50, cpu95 = _percentiles(cpu)
    verdict = "meets" if p95 <= TARGET_P95_MS else "misses"
    return (
        "## Live check of 表三 (drafting)\n\n"
        f"{SAMPLES} POSTs of the whole 表三 step ({len(typed)} typed cells, one changed each time) to the live-check "
        "endpoint via the Django test client, form-encoded as htmx sends it, SQLite: autosave, computed totals, "
        "every cross-check, findings fragment. Server time as seen by the client.\n\n"
        "| | p50 | p95 | target p95 |\n|---|---|---|---|\n"
        f"| server time | {p50:.1f} ms | {p95:.1f} ms | ≤ {TARGET_P95_MS} ms ({verdict}) |\n"
        f"| of which CPU | {cpu50:.1f} ms | {cpu95:.1f} ms | |\n\n"
        f"Load average during the run: {load:.1f} on {os.cpu_count()} cores (other work on the machine slows "
        "the server time; the CPU time is what one request costs). The rest of the server time is mostly SQLite "
        "committing the autosave to disk.\n"
    )
