"""The whole round in Debian's Chromium: submit, return with a comment, fix, resubmit, compare, approve, publish."""
from __future__ import annotations

import json
from datetime import date

import pytest

from reports.interchange import from_json
from reports.models import Report, ReportStatus
from reports.services import report_replace_content
from tests.drafting.conftest import EXAMPLE, log_in
from tests.factories import ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RETURN_REASON = "五、存在的主要问题过于笼统，请写明具体问题和整改措施。"
FIXED = "一是政策解读形式较单一；二是依申请公开答复的规范性有待提高。下一步将丰富解读形式，加强答复审核。"


@pytest.fixture
def findings():
    """The real cross-checks run here (the other review tests replace them)."""


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def complete(world):
    report = ReportFactory(agency=world.agency, year=2022)
    data, problems = from_json(json.loads(EXAMPLE.read_text()))
    assert not problems
    data.agency, data.title = world.agency.name, ""
    data.signed_on = date(2023, 1, 20)  # the example has no signature block; submission needs the date
    report_replace_content(report=report, data=data)
    return report


def status(report) -> str:
    return Report.objects.get(pk=report.pk).status


def submit_from_the_wizard(page, base: str):
    page.goto(f"{base}/steps/check/")
    for box in page.locator("textarea[name^='explanation:']").all():
        box.fill("已逐项核实，数字和表述无误。")
    page.click(".submit-form button[type=submit]")
    page.wait_for_load_state()


def switch_to(page, live_server, user):
    page.context.clear_cookies()
    log_in(page, live_server, user)


def test_the_whole_review_round(page, live_server, world, complete):
    report, editor, approver = complete, world.user("editor"), world.user("approver")
    base = f"{live_server.url}/reports/{report.agency.code}/{report.year}"
    review = f"{live_server.url}/review/{report.agency.code}/{report.year}/"

    log_in(page, live_server, editor)
    submit_from_the_wizard(page, base)
    assert status(report) == ReportStatus.SUBMITTED

    # The approver returns it, leaving the reason in 五.
    switch_to(page, live_server, approver)
    page.goto(review)
    page.fill("#decision-comment", RETURN_REASON)
    page.select_option("#decision-section", "problems")
    page.click("#decision-form button:has-text('退回并附意见')")
    page.wait_for_load_state()
    assert status(report) == ReportStatus.DRAFT
    assert page.locator("#report-status").inner_text() == "草稿"

    # The editor finds the reason in the step it concerns, fixes 五 and resubmits.
    switch_to(page, live_server, editor)
    page.goto(f"{base}/steps/problems/")
    comments = page.locator(".review-comments")
    comments.wait_for()
    assert RETURN_REASON in comments.inner_text()
    page.fill("#f-text-problems", FIXED)
    page.click("button[name=action][value=save]")
    page.wait_for_load_state()
    submit_from_the_wizard(page, base)
    assert status(report) == ReportStatus.SUBMITTED

    # The approver sees what changed since the return, approves and publishes.
    switch_to(page, live_server, approver)
    page.goto(review)
    page.click("#compare-link")
    page.wait_for_load_state()
    assert FIXED in page.locator(".review-diff-new").first.inner_text()
    assert page.locator(".review-diff-old").first.inner_text().strip() != FIXED
    page.go_back()
    page.click("#decision-form button:has-text('审核通过')")
    page.wait_for_load_state()
    assert status(report) == ReportStatus.APPROVED
    page.click("#decision-form button:has-text('发布')")
    page.wait_for_load_state()
    assert status(report) == ReportStatus.PUBLISHED
    assert page.locator("#report-status").inner_text() == "已发布"
