"""The review pages: submission, the report page and its buttons, comments, history and compare."""
from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import ReportStatus
from reports.services import report_write
from review import services
from review.models import ReviewComment, WarningExplanation
from tests.factories import PASSWORD

from .conftest import SECRET, FakeFinding

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def url(name, report, *extra):
    return reverse(f"review:{name}", args=[report.agency.code, report.year, *extra])


def test_the_wizard_posts_explanations_to_submit(client, world, report, findings):
    findings.current = [FakeFinding("TEXT-PROBLEMS-SUBSTANCE", "warning", "五过于简略")]
    login(client, world.user("editor"))
    page = client.get(url("submit", report))
    assert page.status_code == 200 and 'name="explanation:TEXT-PROBLEMS-SUBSTANCE"' in page.content.decode()
    blocked = client.post(url("submit", report), {"explanation:TEXT-PROBLEMS-SUBSTANCE": ""})
    assert blocked.status_code == 200 and "is-invalid" in blocked.content.decode()
    done = client.post(url("submit", report), {"explanation:TEXT-PROBLEMS-SUBSTANCE": "本年确无突出问题"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert WarningExplanation.objects.get().text == "本年确无突出问题"


def test_an_approver_cannot_submit(client, world, report):
    login(client, world.user("approver"))
    assert client.post(url("submit", report)).status_code == 403


def test_the_reviewer_sees_explanations_and_decides(client, world, report, findings):
    findings.current = [FakeFinding("VALUE-RANGE", "warning", "数值过大")]
    services.report_submit(report=report, by=world.user("editor"), explanations={"VALUE-RANGE": "确有其事"})
    login(client, world.user("approver"))
    page = client.get(url("report", report)).content.decode()
    assert "确有其事" in page and url("approve", report) in page and url("return", report) in page
    assert "审核通过" in page and "退回并附意见" in page
    response = client.post(url("return", report), {"comment": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    client.post(url("return", report), {"comment": "请核对表三"})
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_submitter_sees_no_approve_button(client, world, report):
    services.report_submit(report=report, by=world.user("editor"))
    login(client, world.user("editor"))
    page = client.get(url("report", report)).content.decode()
    assert url("approve", report) not in page and url("withdraw", report) in page
    assert client.post(url("approve", report)).status_code == 403


def test_comments_are_shown_in_their_section(client, world, report):
    from django.template.loader import render_to_string

    login(client, world.user("approver"))
    client.post(url("comment", report), {"section": "apply", "cell": "apply.new.natural", "body": "自然人新收数存疑"})
    client.post(url("comment", report), {"section": "apply", "cell": "appeal.review.total", "body": "错位的单元格"})
    client.post(url("comment", report), {"section": "apply", "body": "表三整体偏少"})
    comment = ReviewComment.objects.first()
    assert ReviewComment.objects.count() == 2
    assert (comment.section, comment.cell, comment.author) == ("apply", "apply.new.natural", world.user("approver"))
    html = render_to_string("review/_section_comments.html", {"report": report, "section": "apply"})
    assert "自然人新收数存疑" in html and 'href="#f-apply-new-natural"' in html and "表三整体偏少" in html
    assert render_to_string("review/_section_comments.html", {"report": report, "section": "appeal"}).strip() == ""
    with pytest.raises(RuntimeError):
        comment.body = "改写"
        comment.save()
    with pytest.raises(RuntimeError):
        comment.delete()


def test_history_and_compare_show_what_changed_since_the_return(client, world, report):
    editor = world.user("editor")
    report_write(report=report, by=editor, cells={"apply.new.natural": 3})
    services.report_submit(report=report, by=editor)
    services.report_return(report=report, by=world.user("approver"), comment="自然人数字有误")
    report_write(report=report, by=editor, cells={"apply.new.natural": 5}, texts={"text.other": "未收取信息处理费"})
    services.report_submit(report=report, by=editor)
    login(client, world.user("approver"))
    page = client.get(url("compare", report)).content.decode()
    assert "一、本年新收政府信息公开申请数量（自然人）" in page or "自然人" in page
    assert ">3<" in page and ">5<" in page and "未收取信息处理费" in page
    history = client.get(url("history", report) + "?key=apply.new.natural").content.decode()
    assert history.count("<tr>") == 3  # header and two changes
    section = client.get(url("history", report) + "?section=other").content.decode()
    assert "未收取信息处理费" in section and ">5<" not in section


def test_history_says_when_nobody_is_on_record_for_a_change(client, world, report):
    """Imports and the demo write without a user: the page must not fail on them."""
    report_write(report=report, by=None, cells={"apply.new.natural": 4})
    login(client, world.user("approver"))
    page = client.get(url("history", report) + "?key=apply.new.natural")
    assert page.status_code == 200
    assert "（未记录操作人）" in page.content.decode()  # one wording with the other pages


def test_a_return_can_put_its_reason_in_the_step_it_concerns(client, world, report):
    services.report_submit(report=report, by=world.user("editor"))
    login(client, world.user("approver"))
    client.post(url("return", report), {"comment": "五写得太简略", "section": "problems"})
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert ReviewComment.objects.get().section == "problems"
    page = client.get(url("report", report)).content.decode()
    assert 'name="section"' in page


def test_a_return_with_an_unknown_section_changes_nothing(client, world, report):
    services.report_submit(report=report, by=world.user("editor"))
    with pytest.raises(services.TransitionRefused):
        services.report_return(report=report, by=world.user("approver"), comment="x", section="nowhere")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and not ReviewComment.objects.exists()


def test_compare_any_two_versions_and_refuse_impossible_ones(client, world, report):
    from review.versions import compare, content_at

    editor = world.user("editor")
    report_write(report=report, by=editor, cells={"apply.new.natural": 1})
    report_write(report=report, by=editor, cells={"apply.new.natural": 2}, title="新标题")
    report.refresh_from_db()
    assert report.version == 4  # 1 created, 2 the fixture's text, 3 and 4 here
    assert content_at(report, 3)["apply.new.natural"] == "1"
    assert content_at(report, 2) == {"text.problems": SECRET}
    assert content_at(report, 1) == {}
    [section] = [d for d in compare(report, 3, 4) if d.key == "apply"]
    assert [(r.old, r.new) for r in section.rows] == [("1", "2")]
    assert [d.key for d in compare(report, 4, 3)] == ["cover", "apply"]  # either direction
    login(client, world.user("overseer"))
    assert client.get(url("compare", report), {"from": 1, "to": report.version}).status_code == 200
    for bad in ({"from": 0}, {"to": report.version + 1}, {"from": "x"}):
        assert client.get(url("compare", report), bad).status_code == 404
    assert client.get(url("history", report), {"section": "nowhere"}).status_code == 404


def test_a_correction_can_be_read_with_both_versions(client, world, report):
    from .test_transitions import bring_to

    bring_to(report, world, ReportStatus.PUBLISHED)
    services.report_start_correction(report=report, by=world.user("editor"), reason="更正表三")
    login(client, world.user("approver"))
    page = client.get(url("revision", report, 1)).content.decode()
    assert "更正表三" in page and "尚未发布" in page
    assert client.get(url("revision", report, 2)).status_code == 404


def test_the_queue_lists_what_awaits_each_reviewer(client, world, report):
    services.report_submit(report=report, by=world.user("editor"))
    queue = reverse("review:queue")
    # The overseer may only return it (the agency has its own approvers): not "awaits you".
    for role, listed, awaits in [("approver", True, True), ("overseer", True, False), ("editor", False, False),
                                 ("approver_other", False, False), ("overseer_other", False, False)]:
        client.logout()
        page = login(client, world.user(role)).get(queue).content.decode()
        assert (report.display_title in page) is listed, role
        assert ("等待您处理" in page) is awaits, role


def test_compare_marks_the_changed_characters_of_a_text(world, report):
    from review.versions import compare

    editor = world.user("editor")
    report_write(report=report, by=editor, texts={"text.other": "本年度未收取信息处理费。"})
    report_write(report=report, by=editor, texts={"text.other": "本年度共收取信息处理费<2>元。"})
    report.refresh_from_db()
    [row] = [r for d in compare(report, report.version - 1, report.version) for r in d.rows]
    old, new = row.marked()
    assert "<del>未</del>" in old and "<ins>共</ins>" in new
    assert "&lt;2&gt;" in new and "<2>" not in new


def test_the_review_page_does_not_query_per_comment_or_event(client, world, report):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("report", report)).status_code == 200
        return len(ctx.captured_queries)

    def round_trip(n: int):
        for i in range(n):
            services.report_comment_add(report=report, by=world.user("approver"), section="apply",
                                        cell="apply.new.natural", body=f"意见{i}")
        services.report_submit(report=report, by=world.user("editor"))
        services.report_return(report=report, by=world.user("approver"), comment="退回")

    login(client, world.user("approver"))
    round_trip(1)
    few = queries()
    round_trip(10)
    assert queries() == few
