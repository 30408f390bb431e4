"""Two approvers load the same review page; the second decides on a page that is out of date.

One after the other, so it runs on either database; test_concurrent_review.py does it at once.
"""
from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import ReportStatus
from review import services
from review.models import Action, ReportEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

DONE_AS = {"approve": "已审核", "return": "已退回"}


def decisions(report) -> list[tuple[str, str]]:
    events = ReportEvent.objects.filter(report=report).exclude(action=Action.SUBMIT).order_by("id")
    return [(e.action, e.actor.username) for e in events]


def seen_on(page: str) -> str:
    return re.search(r'name="seen_event" value="(\d+)"', page).group(1)


@pytest.fixture
def pages(team, submitted):
    """Both approvers' review pages, loaded before either decides: (client, seen_event) each."""
    loaded = []
    for approver in (team.approver, team.approver2):
        browser = Client()
        browser.login(username=approver.username, password=PASSWORD)
        page = browser.get(reverse("review:report", args=[submitted.agency.code, submitted.year]))
        assert page.status_code == 200
        loaded.append((browser, seen_on(page.content.decode())))
    return loaded


def post(browser, report, action: str, seen: str):
    return browser.post(reverse(f"review:{action}", args=[report.agency.code, report.year]),
                        {"comment": "请补充", "seen_event": seen}, follow=True)


@pytest.mark.parametrize("first,second", [("approve", "approve"), ("approve", "return"), ("return", "approve"),
                                          ("return", "return")])
def test_the_second_approver_is_told_who_decided_first(pages, team, submitted, first, second):
    (browser, seen), (browser2, seen2) = pages
    assert post(browser, submitted, first, seen).status_code == 200
    response = post(browser2, submitted, second, seen2)
    assert response.status_code == 200
    page = response.content.decode()
    assert team.approver.username in page and DONE_AS[first] in page and "已过期" in page
    assert decisions(submitted) == [(first, team.approver.username)]


def test_a_decision_on_a_page_from_before_a_resubmission_is_refused(pages, team, submitted):
    """Returned, corrected and submitted again meanwhile: the stale approval must not approve the new content."""
    (browser, seen), (browser2, seen2) = pages
    post(browser, submitted, "return", seen)
    services.report_submit(report=submitted, by=team.editor)
    page = post(browser2, submitted, "approve", seen2).content.decode()
    assert team.editor.username in page and "已提交" in page
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert decisions(submitted) == [("return", team.approver.username)]


@pytest.mark.parametrize("first,second", [("approve", "approve"), ("return", "approve")])
def test_without_the_page_marker_the_refusal_still_says_who(team, submitted, first, second):
    """A decision posted without seen_event (an older page, a script) is checked against the status."""
    decide = {
        "approve": lambda by: services.report_approve(report=submitted, by=by),
        "return": lambda by: services.report_return(report=submitted, by=by, comment="请补充"),
    }
    decide[first](team.approver)
    with pytest.raises(services.TransitionRefused) as refused:
        decide[second](team.approver2)
    assert team.approver.username in str(refused.value) and DONE_AS[first] in str(refused.value)
    assert decisions(submitted) == [(first, team.approver.username)]
