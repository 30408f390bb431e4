"""Where a request's time goes: the requests of bench_requests.py under cProfile, time grouped by the code it ran in.

Each function's own time (not counting what it calls) is added to the group its file belongs to, so nothing is
counted twice. cProfile adds a cost to every call, which makes call-heavy code (the ORM, the template engine)
look larger than it is: read the shares, not the milliseconds.
"""
from __future__ import annotations

import cProfile
import pstats

from django.test import Client

from bench.bench_live_check import _setup
from bench.bench_requests import _requests

ROUNDS, WARM_UP = 20, 5

# (group, substrings of the file path), first match wins; "other" takes the rest.
GROUPS = (
    ("database: ORM and driver", ("/django/db/", "sqlite3", "psycopg")),
    ("entry table (skeleton filled in)", ("reports/drafting/table_html.py",)),
    ("templates", ("/django/template/", "/templatetags/", "crispy_forms")),
    ("cross-check rules", ("reports/rules/",)),
    ("middleware, session, login, permissions", (
        "/django/contrib/sessions/", "/django/contrib/auth/", "/django/contrib/messages/", "/django/middleware/",
        "/axes/", "/csp/", "/whitenoise/", "/django_htmx/", "/rules/", "/django/core/handlers/", "config/",
        "/django/core/signing.py", "/agencies/roles.py",
    )),
    ("URL reversing", ("/django/urls/",)),
    ("translation and number formats", ("/django/utils/translation/", "/django/utils/formats.py")),
    ("JSON", ("/json/",)),
    ("reading the request, parsing typed values", ("/django/http/", "/urllib/", "reports/normalize.py")),
)
OTHER = "other (views, context, data classes, Python)"


def _group(filename: str) -> str:
    path = filename.replace("\\", "/")
    for name, needles in GROUPS:
        if any(n in path for n in needles):
            return name
    return OTHER


def profile() -> dict[str, dict[str, float]]:
    """request name → group → share of its profiled time."""
    user, report, typed = _setup()
    client = Client()
    client.force_login(user)
    shares = {}
    for name, make in _requests(client, report, typed).items():
        for _ in range(WARM_UP):
            make()()
        profiler = cProfile.Profile()
        for _ in range(ROUNDS):
            request = make()
            profiler.enable()
            request()
            profiler.disable()
        stats = pstats.Stats(profiler)
        totals: dict[str, float] = {}
        for (filename, _line, _func), (_cc, _nc, own, _cum, callers) in stats.stats.items():
            # A built-in (C) function's time goes to the code that called it, the way it was called.
            spent = [(c[0], t) for c, (_, _, t, _) in callers.items()] if filename == "~" else [(filename, own)]
            for where, seconds in spent:
                if "/django/test/" not in where:  # the test client's side of the request
                    group = _group(where)
                    totals[group] = totals.get(group, 0.0) + seconds
        whole = sum(totals.values()) or 1.0
        shares[name] = {g: t / whole for g, t in totals.items()}
    return shares


def run() -> str:
    shares = profile()
    names = list(shares)
    groups = [g for g, _ in GROUPS] + [OTHER]
    head = "| where | " + " | ".join(names) + " |\n|---|" + "---:|" * len(names) + "\n"
    rows = "".join(
        f"| {g} | " + " | ".join(f"{shares[n].get(g, 0) * 100:.0f}%" for n in names) + " |\n" for g in groups
    )
    return (
        "## Where a request's time goes\n\n"
        f"`bench/bench_profile.py`: the four requests of the next section, {ROUNDS} of each under cProfile with the "
        "production settings, each function's own time added to the group of the code it belongs to (the test "
        "client's side left out). cProfile makes call-heavy code (the ORM, the template engine) look larger than "
        "it is: read the shares, not absolute times.\n\n"
        + head + rows + "\n"
        "What was found and changed (before: the 表三 step page spent about four fifths of its time rendering "
        "~9,400 template nodes of one table):\n\n"
        "- The entry table is filled into a skeleton built once per table and language "
        "(`reports/drafting/table_html.py`), not rendered by a template node per cell; the HTML is the same byte "
        "for byte (`tests/drafting/test_table_html.py`).\n"
        "- A write no longer re-reads the report and its agency after saving (`report_write` takes the fields of "
        "the row it just locked and saved): two queries fewer on every live check and save.\n"
        "- A step page, the task list and the check page read this year's and last year's content in the same "
        "two queries (`reports.selectors.report_with_inputs`): 10 queries a step page instead of 12.\n"
        "- The step page builds the table of every cell's label only when there is input it did not understand.\n"
        "- Looked at and left: the rules are evaluated once per request (a few per cent), the format is a "
        "dictionary look-up, the session is read but not written by these requests, the live state's JSON is "
        "small. What remains is mostly the fixed queries (session, user, report, roles, this year's and last "
        "year's content, the region's deadline, review comments) and the page around the table (`base.html`, "
        "the navigation, the findings).\n"
    )
