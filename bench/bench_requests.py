"""Server time of the wizard's requests, one at a time: the 表三 step page, the overview step, the live check, the save.

The production settings (DEBUG off, cached templates) through the Django test client on SQLite; each request
is timed from the client (wall clock) and by the process's CPU time, which other work on a shared machine
does not inflate. The load benchmark (bench_load.py) measures the same requests fifty editors at a time.
"""
from __future__ import annotations

import os
import statistics
import time
from urllib.parse import urlencode

from django.test import Client

from bench.bench_live_check import _setup

SAMPLES = 100
WARM_UP = 10
BUSY = (
    " Other work was running: the wall times are mostly waiting for a core and even the CPU times are inflated"
    " (shared caches); compare the targets with a run on an idle machine."
)
TARGETS_MS = {"step page of 表三": 10, "live check of 表三": 8}


def _timed(fn) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000


def _requests(client: Client, report, typed: dict) -> dict:
    base = f"/reports/{report.agency.code}/{report.year}/steps/"
    counter = iter(range(10**9))

    def post(path: str, expected: int, headers: dict, **extra):
        report.refresh_from_db(fields=["version"])
        typed["apply.new.natural"] = str(10 + next(counter))  # one cell changed, as typing does
        body = urlencode({"version": report.version, **typed, **extra})
        return lambda: _expect(client.post(base + path, body, content_type="application/x-www-form-urlencoded",
                                           headers=headers), expected)

    return {
        "step page of 表三": lambda: (lambda: _expect(client.get(base + "apply/"), 200)),
        "overview step (narrative)": lambda: (lambda: _expect(client.get(base + "overview/"), 200)),
        "live check of 表三": lambda: post("apply/live/", 200, {"HX-Request": "true"}),
        "save of 表三 (form POST)": lambda: post("apply/", 302, {}, action="save"),
    }


def _expect(response, status: int) -> None:
    assert response.status_code == status, (response.status_code, status)


def measure() -> dict[str, tuple[float, float, float]]:
    """name → (median wall ms, p95 wall ms, median CPU ms)."""
    user, report, typed = _setup()
    client = Client()
    client.force_login(user)
    results = {}
    for name, make in _requests(client, report, typed).items():
        wall, cpu = [], []
        for i in range(SAMPLES + WARM_UP):
            request = make()  # the untimed part: reading the version, encoding the form
            elapsed, elapsed_cpu = _timed(request)
            if i >= WARM_UP:
                wall.append(elapsed)
                cpu.append(elapsed_cpu)
        wall.sort()
        results[name] = (statistics.median(wall), wall[int(len(wall) * 0.95) - 1], statistics.median(cpu))
    return results


def _verdict(p50: float, cpu50: float, target: float) -> str:
    if p50 <= target:
        return "meets"
    return "misses; its CPU time meets it" if cpu50 <= target else "misses"


def run() -> str:
    load_before = os.getloadavg()[0]
    results = measure()
    load = max(load_before, os.getloadavg()[0])
    lines = []
    for name, (p50, p95, cpu50) in results.items():
        target = TARGETS_MS.get(name)
        verdict = f"≤ {target} ms ({_verdict(p50, cpu50, target)})" if target else ""
        lines.append(f"| {name} | {p50:.1f} ms | {p95:.1f} ms | {cpu50:.1f} ms | {verdict} |")
    return (
        "## One request at a time: step page, live check, save\n\n"
        f"`bench/bench_requests.py`: {SAMPLES} requests of each kind after {WARM_UP} to warm up, by one editor with "
        "a 表三 of 144 typed cells (the live-check benchmark's report), production settings (DEBUG off, cached "
        "templates) through the Django test client, SQLite. The live check and the save change one cell each time. "
        "Server time is the client's wall clock around the request; CPU is the process's CPU time for it, which "
        "other work on the machine does not inflate. The targets are for the median.\n\n"
        "| request | median | p95 | median CPU | target (median) |\n|---|---:|---:|---:|---|\n"
        + "\n".join(lines) + "\n\n"
        f"Load average during the run: {load:.1f} on {os.cpu_count()} cores."
        + (BUSY if load > (os.cpu_count() or 1) else "") + "\n"
    )
