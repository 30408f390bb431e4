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
        "What was found and changed, first round (before: the 表三 step page spent about four fifths of its time "
        "rendering ~9,400 template nodes of one table):\n\n"
        "- The entry table is filled into a skeleton built once per table and language "
        "(`reports/drafting/table_html.py`), not rendered by a template node per cell; the HTML is the same byte "
        "for byte (`tests/drafting/test_table_html.py`).\n"
        "- A write no longer re-reads the report and its agency after saving (`report_write` takes the fields of "
        "the row it just locked and saved): two queries fewer on every live check and save.\n"
        "- A step page, the task list and the check page read this year's and last year's content in the same "
        "two queries (`reports.selectors.report_with_inputs`): 10 queries a step page instead of 12.\n"
        "- The step page builds the table of every cell's label only when there is input it did not understand.\n"
        "\n"
        "Second round (profiled on PostgreSQL and SQLite; before: 10 queries a step page, 21 a live check, 22 a "
        "save; the ORM building and running them was a third to a half of each request):\n\n"
        "- The report is read with last year's report (the same query, `year IN (Y, Y-1)`) and its agency's "
        "parent, which is the region of most agencies (`Agency.region` uses a parent read along with it): no "
        "query for last year's report nor for the region's deadline. The query no longer sorts by the default "
        "ordering's join to the agency's name, whose compilation cost a third of it.\n"
        "- A step page reads the report's review comments once (`review.selectors.comment_threads`): the "
        "section's threads and the navigation's open counts, one query instead of two.\n"
        "- A live check and a save read last year's content with this year's before saving, and the save stores "
        "the dashboard's check counts from the content it has just written (`checks.counts_store`, as the live "
        "check does) instead of reading and checking the report again: 7 queries a step page, 17 a live check "
        "or a save (`tests/drafting/test_query_counts.py`).\n"
        "- A live check parses only the cells that differ from the stored value (the rest parse to it); a write "
        "builds no query for an empty set of cells or texts.\n"
        "- The entry table's plain cells (no error, finding or prefill) are filled from two pieces rendered once "
        "with the skeleton; the table guide's JSON script and the navigation's addresses are built once (per "
        "format and language, one reverse per page).\n"
        "- Side by side with the code before this round, on the same machine at the same time (load 2.4 on 2 "
        "cores, median CPU time of `bench/bench_requests.py`): on SQLite the step page 9.9 → 7.2 ms, the live "
        "check 9.8 → 7.7 ms, the save 10.1 → 6.9 ms; on PostgreSQL (60 requests each) 11.3–12.4 → 7.6–7.7 ms, "
        "12.8–14.1 → 9.1–11.1 ms and 12.1–13.7 → 9.6–10.1 ms.\n"
        "- Looked at and left: the rules (a few per cent, evaluated once per request and once more for the "
        "submit-only rules of the stored counts), the live state's JSON, the middleware. What remains is mostly "
        "Django's fixed costs per request: the session, the user and the roles (three queries every view needs), "
        "building the ORM's SQL for the rest, and the template around the table (`base.html`, the navigation, "
        "the findings).\n"
    )
