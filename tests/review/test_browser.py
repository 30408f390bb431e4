"""The whole round in Debian's Chromium: submit, return with a comment, fix, resubmit, compare, approve, publish.

Also each role's pages at 1280×800 and on a phone (390×844), saved under var/screenshots/review/ to look at.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from agencies.models import Role
from reports import selectors as report_selectors
from reports.interchange import from_json
from reports.models import Report, ReportStatus
from reports.services import report_replace_content, report_write
from review import services
from review.models import ReviewComment
from tests.drafting.conftest import EXAMPLE, log_in
from tests.factories import AgencyFactory, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RETURN_REASON = "五、存在的主要问题过于笼统，请写明具体问题和整改措施。"
REPLY = "已按意见写明两项具体问题和对应的整改措施。"
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
    """Submit, return with a comment, see it returned, reply and mark it dealt with, resubmit, approve, publish."""
    report, editor, approver = complete, world.user("editor"), world.user("approver")
    approver.last_name, approver.first_name = "王", "晓梅"
    approver.save()
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
    assert "已退回填报人修改" in page.locator("#decision-state").inner_text()

    # The editor sees 已退回 on the home page, by whom and why, and the open comment on its step.
    switch_to(page, live_server, editor)
    row = page.locator("tr", has=page.locator(".status-returned"))
    assert "王晓梅" in row.inner_text() and RETURN_REASON[:12] in row.inner_text()
    page.goto(f"{base}/")
    assert RETURN_REASON in page.locator(".returned-notice").inner_text()
    step = page.locator(".task-list li", has_text="存在的主要问题")
    assert "1条意见待处理" in step.locator(".open-comments").inner_text()
    step.locator(".open-comments").click()
    page.wait_for_load_state()

    # It replies in the thread, marks the comment dealt with, fixes 五 and resubmits.
    comments = page.locator(".review-comments")
    assert RETURN_REASON in comments.inner_text()
    comments.locator("summary").first.click()
    comments.locator("textarea[name=body]").first.fill(REPLY)
    comments.locator("input[name=resolves]").first.check()
    comments.locator("button:has-text('发送回复')").first.click()
    page.wait_for_load_state()
    assert "已处理" in page.locator(".review-comments").inner_text()
    assert page.locator(".step-nav .open-comments").count() == 0
    page.fill("#f-text-problems", FIXED)
    page.click("button[name=action][value=save]")
    page.wait_for_load_state()
    submit_from_the_wizard(page, base)
    assert status(report) == ReportStatus.SUBMITTED

    # The approver sees the reply and what changed since the return, approves and publishes after confirming.
    switch_to(page, live_server, approver)
    page.goto(review)
    assert REPLY in page.locator("section[aria-labelledby=h-comments]").inner_text()
    # The report itself is on the page, with the rewritten paragraphs of 五 highlighted.
    changed = page.locator("#review-document .review-changed")
    assert changed.count() >= 1 and "政策解读形式较单一" in changed.first.inner_text()
    assert page.locator("#review-document [data-key='text.overview'].review-changed").count() == 0
    page.click("#compare-link")
    page.wait_for_load_state()
    assert FIXED in page.locator(".review-diff-new").first.inner_text()
    assert page.locator(".review-diff-old").first.inner_text().strip() != FIXED
    page.go_back()
    page.click("#decision-form button:has-text('审核通过')")
    page.wait_for_load_state()
    assert status(report) == ReportStatus.APPROVED
    assert page.locator("#decision-section").count() == 0  # no talk of returns once approved
    page.click("#publish-link")
    page.wait_for_load_state()
    assert status(report) == ReportStatus.APPROVED
    public_path = f"/public/{world.government.code}/{report.agency.code}/{report.year}/"
    assert public_path in page.locator("#future-public-url").inner_text()
    page.click("#publish-form button[type=submit]")
    page.wait_for_load_state()
    assert status(report) == ReportStatus.PUBLISHED
    assert page.locator("#report-status").inner_text() == "已发布"
    page.locator("#public-address a").click()
    page.wait_for_load_state()
    assert page.url.endswith(public_path)
    assert "依申请公开答复" in page.content()


def test_the_reviewer_comments_on_a_cell_by_clicking_it(page, live_server, world, complete):
    report = complete
    log_in(page, live_server, world.user("approver"))
    page.goto(f"{live_server.url}/review/{report.agency.code}/{report.year}/")
    page.locator("#review-document td[data-key='apply.new.natural']").click()
    assert page.locator("#comment-target-label").inner_text() == "一、本年新收政府信息公开申请数量（自然人）"
    assert page.locator("#comment-form [name=section]").input_value() == "apply"
    page.fill("#comment-form [name=body]", "请核对本年新收申请数。")
    page.click("#comment-form button[type=submit]")
    page.wait_for_load_state()
    comment = ReviewComment.objects.get(report=report)
    assert (comment.section, comment.cell, comment.body) == ("apply", "apply.new.natural", "请核对本年新收申请数。")
    # A paragraph too.
    page.locator("#review-document p[data-key='text.problems']").first.click()
    assert page.locator("#comment-form [name=section]").input_value() == "problems"
    page.click("#comment-target-clear")
    assert page.locator("#comment-form [name=cell]").input_value() == ""


def test_an_agency_without_approver_goes_from_submitted_to_published_by_the_open_government_office(
    page, live_server, world, complete
):
    report, overseer = complete, world.user("overseer")
    world.agency.memberships.filter(role=Role.APPROVER).delete()
    base = f"{live_server.url}/reports/{report.agency.code}/{report.year}"
    log_in(page, live_server, world.user("editor"))
    submit_from_the_wizard(page, base)

    switch_to(page, live_server, overseer)
    page.goto(f"{live_server.url}/review/dashboard/{world.government.code}/{report.year}/")
    assert world.agency.name in page.locator("#staffing").inner_text()
    page.goto(f"{live_server.url}/review/")
    row = page.locator("#queue tr", has_text=report.display_title)
    assert "等待您处理" in row.inner_text()
    row.locator("a").first.click()
    page.wait_for_load_state()
    page.click("#decision-form button:has-text('审核通过')")
    page.wait_for_load_state()
    assert status(report) == ReportStatus.APPROVED
    page.click("#publish-link")
    page.click("#publish-form button[type=submit]")
    page.wait_for_load_state()
    assert status(report) == ReportStatus.PUBLISHED
    assert page.locator("#public-address").is_visible()


def test_an_approver_who_edited_the_content_is_refused_approval(page, live_server, world, complete):
    report, approver = complete, world.user("approver")
    world.agency.memberships.create(user=approver, role=Role.EDITOR)
    base = f"{live_server.url}/reports/{report.agency.code}/{report.year}"
    log_in(page, live_server, approver)
    page.goto(f"{base}/steps/problems/")
    page.fill("#f-text-problems", FIXED)
    page.click("button[name=action][value=save]")
    page.wait_for_load_state()
    switch_to(page, live_server, world.user("editor"))
    submit_from_the_wizard(page, base)
    assert status(report) == ReportStatus.SUBMITTED

    switch_to(page, live_server, approver)
    page.goto(f"{live_server.url}/review/{report.agency.code}/{report.year}/")
    refusal = page.locator("#four-eyes").inner_text()
    assert "您在本轮修改过报告内容" in refusal and "存在的主要问题" in refusal
    assert page.locator("#decision-form button:has-text('审核通过')").count() == 0
    assert status(report) == ReportStatus.SUBMITTED


SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "review"


def shoot(page, name: str, width: int) -> None:
    page.wait_for_load_state()
    page.screenshot(path=SCREENSHOTS / f"{width}-{name}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_screenshots_of_each_roles_pages(page, live_server, world, complete, width, height):
    report, editor, approver, overseer = complete, world.user("editor"), world.user("approver"), world.user("overseer")
    for user, family, given in [(editor, "李", "娜"), (approver, "王", "晓梅"), (overseer, "张", "伟")]:
        user.last_name, user.first_name = family, given
        user.save()
    AgencyFactory(parent=world.government, name="鼓楼区无人审核局")
    services.report_submit(report=report, by=editor, explanations={
        f.rule: "已核实。" for f in report_selectors.check_report(report, stage="submit")})
    services.report_return(report=report, by=approver, comment=RETURN_REASON, section="problems")
    comment = ReviewComment.objects.get()
    report.refresh_from_db()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    base = f"{live_server.url}/reports/{report.agency.code}/{report.year}"
    review = f"{live_server.url}/review/{report.agency.code}/{report.year}/"

    log_in(page, live_server, editor)
    shoot(page, "editor-1-home-returned", width)
    page.goto(f"{base}/")
    shoot(page, "editor-2-hub-returned", width)
    page.goto(f"{base}/steps/problems/")
    page.locator(".review-comments summary").first.click()
    shoot(page, "editor-3-step-comment", width)

    services.report_comment_reply(report=report, by=editor, parent=comment.pk, body="已补充。", resolves=True)
    report_write(report=report, by=editor, texts={"text.problems": FIXED})
    report.refresh_from_db()
    services.report_submit(report=report, by=editor, explanations={
        f.rule: "已核实。" for f in report_selectors.check_report(report, stage="submit")})
    page.goto(f"{base}/")
    shoot(page, "editor-4-hub-withdraw", width)

    switch_to(page, live_server, approver)
    page.goto(f"{live_server.url}/review/")
    shoot(page, "approver-1-queue", width)
    page.goto(review)
    shoot(page, "approver-2-review-submitted", width)
    services.report_approve(report=report, by=approver)
    page.goto(review)
    shoot(page, "approver-3-review-approved", width)
    page.goto(f"{review}publish/")
    shoot(page, "approver-4-publish-confirm", width)

    switch_to(page, live_server, overseer)
    page.goto(f"{live_server.url}/review/dashboard/{world.government.code}/{report.year}/")
    shoot(page, "overseer-1-dashboard", width)
    page.goto(f"{live_server.url}/review/")
    shoot(page, "overseer-2-queue", width)
    services.report_publish(report=report, by=approver)
    page.goto(review)
    shoot(page, "overseer-3-review-published", width)

