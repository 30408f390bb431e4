"""Two approvers at once on SQLite as `make run` uses it: a database file, one process each.

SQLite ignores SELECT ... FOR UPDATE; what serialises the decisions is the IMMEDIATE
transaction mode of the settings, which takes the write lock when the transaction begins.
(The in-memory test database cannot show this: its shared cache fails instead of waiting.)
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

from .decide import READY
from .server import ROOT, manage

APPROVERS = ("approver_a", "approver_b")
SEED = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
import reports.selectors
from agencies.models import Role
from review import services
from reports.services import report_write
from tests.factories import AgencyFactory, MembershipFactory, ReportFactory, UserFactory
reports.selectors.check_report = lambda report, *, stage: []
report = ReportFactory(agency=AgencyFactory(), year=2024)
def member(role, name):
    return MembershipFactory(agency=report.agency, role=role, user=UserFactory(username=name)).user
editor = member(Role.EDITOR, "editor")
member(Role.APPROVER, "approver_a")
member(Role.APPROVER, "approver_b")
report_write(report=report, by=editor, texts={"text.problems": "无"})
services.report_submit(report=report, by=editor)
"""


def outcome(decider) -> dict:
    out, err = decider.communicate(timeout=30)
    assert out.strip(), err
    return json.loads(out)


def test_two_approver_processes_on_a_database_file_one_wins(tmp_path):
    database = tmp_path / "race.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "config.test_settings", "DATABASE_URL": f"sqlite:///{database}"}
    manage(env, "shell", "-c", SEED)
    deciders = [
        subprocess.Popen([sys.executable, "-m", "tests.faults.decide", "approve", name], cwd=ROOT, env=env,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in APPROVERS
    ]
    for decider in deciders:
        assert decider.stdout.readline().strip() == READY, decider.stderr.read()
    for decider in deciders:
        decider.stdin.write("go\n")
        decider.stdin.flush()
    outcomes = [outcome(decider) for decider in deciders]

    winners = [name for name, result in zip(APPROVERS, outcomes) if "won" in result]
    refusals = [result["refused"] for result in outcomes if "refused" in result]
    assert len(winners) == 1 and len(refusals) == 1, outcomes
    assert winners[0] in refusals[0] and "已审核" in refusals[0], refusals[0]
    with sqlite3.connect(database) as db:
        decisions = db.execute("SELECT action FROM review_reportevent WHERE action != 'submit'").fetchall()
        status = db.execute("SELECT status FROM reports_report").fetchone()[0]
    assert decisions == [("approve",)] and status == "approved"
