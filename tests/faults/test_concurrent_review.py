"""Two approvers of the same agency decide on the same submitted report at the same moment.

Exactly one decision is recorded; the other approver is told who decided first, and how.
"""
from __future__ import annotations

import time

import pytest
from django.db import connection

from reports.models import Report, ReportStatus
from review import services
from review.models import Action, ReportEvent

from .race import race

pytestmark = pytest.mark.django_db(transaction=True)

DECIDE = {
    "approve": lambda report, by, seen: services.report_approve(report=report, by=by, seen_event=seen),
    "return": lambda report, by, seen: services.report_return(report=report, by=by, comment="请补充",
                                                              seen_event=seen),
}
OUTCOME = {"approve": (Action.APPROVE, ReportStatus.APPROVED), "return": (Action.RETURN, ReportStatus.DRAFT)}
# How the loser's message names the winner's decision.
DONE_AS = {"approve": "已审核", "return": "已退回"}


@pytest.fixture
def slow_decisions(monkeypatch):
    """Widen the window between reading the status and recording the decision, where a race slips in."""
    record = services._record

    def slowly(*args, **kwargs):
        time.sleep(0.3)
        return record(*args, **kwargs)

    monkeypatch.setattr(services, "_record", slowly)


def decisions(report) -> list[ReportEvent]:
    return list(ReportEvent.objects.filter(report=report).exclude(action=Action.SUBMIT).select_related("actor"))


@pytest.mark.skipif(connection.vendor == "sqlite", reason=(
    "the SQLite test database is in memory with a shared cache, whose table locks fail at once instead of "
    "waiting; a file database serialises writers with BEGIN IMMEDIATE (the stale-form tests cover SQLite)"))
@pytest.mark.parametrize("first,second", [("approve", "approve"), ("approve", "return"), ("return", "approve")])
def test_two_approvers_at_once_one_wins_the_other_is_told_who(submitted, team, slow_decisions, first, second):
    seen = ReportEvent.objects.get(report=submitted, action=Action.SUBMIT).pk
    results = race(
        lambda: DECIDE[first](Report.objects.get(pk=submitted.pk), team.approver, seen),
        lambda: DECIDE[second](Report.objects.get(pk=submitted.pk), team.approver2, seen),
    )
    won = [r for r in results if isinstance(r, ReportEvent)]
    refused = [r for r in results if isinstance(r, services.TransitionRefused)]
    assert len(won) == 1 and len(refused) == 1, results
    winner = won[0]
    assert [(e.pk, e.actor) for e in decisions(submitted)] == [(winner.pk, winner.actor)]
    _, status = OUTCOME[winner.action]
    assert Report.objects.get(pk=submitted.pk).status == status
    message = str(refused[0])
    assert winner.actor.username in message and DONE_AS[winner.action] in message, message
