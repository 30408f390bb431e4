"""The Markdown section of the load test, from locust's request samples and the lost-write check."""
from __future__ import annotations

from .scenario import ACKED
from .verify import latency_row

LOOP = ("step page", "live check", "save")
TITLE = "## Fifty editors at once (gunicorn, PostgreSQL)"


def latency_table(samples: list, *, since: float = 0.0) -> list:
    """A row per request type of the loop and one for all three; only requests started at `since` or later."""
    picked = [(name, ms, failure is not None) for name, start, ms, failure in samples if start >= since]
    rows = [latency_row(n, [(ms, failed) for name, ms, failed in picked if name == n]) for n in LOOP]
    rows.append(latency_row("all three", [(ms, failed) for name, ms, failed in picked if name in LOOP]))
    return rows


def section(*, setup: str, records: dict, lost: list[str], server_errors: int, cpu: str) -> str:
    samples = records["samples"]
    start = min(s[1] for s in samples)
    end = max(s[1] + s[2] / 1000 for s in samples)
    logins = [s for s in samples if s[0] == "login"]
    logged_in = max(s[1] + s[2] / 1000 for s in logins)
    whole, steady = latency_table(samples), latency_table(samples, since=logged_in)
    lines = [
        f"| {a.name} | {a.count} | {a.count / (end - start):.1f} | {_ms(a.p50)} | {_ms(a.p95)} "
        f"| {_ms(a.p99)} | {_ms(b.p50)} | {_ms(b.p95)} | {_ms(b.p99)} | {a.failures} |"
        for a, b in zip(whole, steady, strict=True)
    ]
    login = latency_row("login", [(s[2], s[3] is not None) for s in logins])
    failures = [f"{name}: {failure}" for name, _start, _ms, failure in samples if failure]
    writes = [w for e in records["editors"] for w in e["writes"]]
    if lost or failures or server_errors:
        verdict = (f"**Failed**: {len(lost)} lost writes, {len(failures)} failed requests, {server_errors} "
                   "server errors logged. " + "; ".join((lost + failures)[:5]))
    else:
        acked = sum(w["outcome"] == ACKED for w in writes)
        verdict = (f"No lost writes: for each of the {len(records['editors'])} editors the last acknowledged "
                   f"value of every key it wrote is the one stored ({acked} of {len(writes)} values sent "
                   "were acknowledged), and no request failed.")
    return (
        f"{TITLE}\n\n{setup}\n\n"
        "| request | count | per second | p50 | p95 | p99 | p50 after logins | p95 after | p99 after "
        "| failed |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        + "\n".join(lines) + "\n\n"
        f"{len(samples)} requests in {end - start:.0f} s ({len(samples) / (end - start):.1f}/s), among them "
        f"{login.count} logins and their login pages. A login (PBKDF2, the production hasher) took p50 "
        f"{_ms(login.p50)}, p95 {_ms(login.p95)}; the last was answered {logged_in - start:.0f} s after the "
        "first request, and the “after logins” columns count only the requests sent from then on. "
        f"{cpu}\n\n{verdict}\n"
    )


def _ms(value: float) -> str:
    return f"{value:,.0f} ms"
