"""The review round as its people see it: returns everywhere, comment threads, no dead ends, four eyes by authorship."""
from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agencies.models import Role
from reports.models import ReportStatus
from reports.services import report_write
from review import services
from review.models import ReviewComment
from review.selectors import open_comment_counts

from .test_pages import login, url
from .test_transitions import bring_to

pytestmark = pytest.mark.django_db

REASON = "五、存在的主要问题过于笼统，请写明具体问题。"


def named(user, family: str, given: str):
    user.last_name, user.first_name = family, given
    user.save()
    return user


def returned(report, world):
    services.report_submit(report=report, by=world.user("editor"))
    named(world.user("approver"), "王", "晓梅")
    return services.report_return(report=report, by=world.user("approver"), comment=REASON, section="problems")


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_returned_report_says_so_on_home_hub_queue_dashboard_and_review_page(client, world, report):
    event = returned(report, world)
    when = event.at.astimezone().strftime("%Y-%m-%d %H:%M")
    hub = reverse("drafting:hub", args=[report.agency.code, report.year])
    login(client, world.user("editor"))
    for path in (reverse("home"), hub, url("report", report)):
        text = page(client, path)
        assert "已退回" in text and "王晓梅" in text and when in text and REASON[:10] in text, path
    client.logout()
    login(client, world.user("overseer"))
    queue = page(client, reverse("review:queue"))
    assert "已退回" in queue and "王晓梅" in queue and "等待填报人修改" in queue and "等待您处理" not in queue
    dashboard = page(client, reverse("review:dashboard", args=[world.government.code, report.year]))
    assert "已退回" in dashboard and "由王晓梅退回" in dashboard


def test_a_draft_that_was_never_returned_does_not_say_returned(client, world, report):
    login(client, world.user("editor"))
    assert "已退回" not in page(client, reverse("drafting:hub", args=[report.agency.code, report.year]))
    services.report_submit(report=report, by=world.user("editor"))
    services.report_withdraw(report=report, by=world.user("editor"))
    assert "status-returned" not in page(client, reverse("home"))


def test_open_comments_are_counted_per_step_until_dealt_with(client, world, report):
    returned(report, world)
    comment = ReviewComment.objects.get()
    assert open_comment_counts(report) == {"problems": 1}
    login(client, world.user("editor"))
    hub = page(client, reverse("drafting:hub", args=[report.agency.code, report.year]))
    assert "1条意见待处理" in hub
    step = page(client, reverse("drafting:step", args=[report.agency.code, report.year, "apply"]))
    assert "1条意见" in step  # the navigation of every step
    response = client.post(url("comment", report), {
        "parent": comment.pk, "body": "已补充具体问题和整改措施。", "resolves": "on",
        "next": reverse("drafting:step", args=[report.agency.code, report.year, "problems"]),
    })
    assert response.status_code == 302 and response["Location"].endswith("/steps/problems/")
    assert open_comment_counts(report) == {}
    assert "条意见待处理" not in page(client, reverse("drafting:hub", args=[report.agency.code, report.year]))
    # The reviewer sees the answer and that it was dealt with.
    client.logout()
    login(client, world.user("approver"))
    review = page(client, url("report", report))
    assert "已补充具体问题和整改措施。" in review and "标记为已处理" in review


def test_threads_are_append_only_and_stay_on_their_report(world, report):
    returned(report, world)
    comment = ReviewComment.objects.get()
    editor = world.user("editor")
    reply = services.report_comment_reply(report=report, by=editor, parent=comment.pk, body="收到")
    with pytest.raises(RuntimeError):
        reply.save()
    with pytest.raises(RuntimeError):
        comment.delete()
    with pytest.raises(services.TransitionRefused):  # a reply to a reply
        services.report_comment_reply(report=report, by=editor, parent=reply.pk, body="再回复")
    with pytest.raises(services.TransitionRefused):
        services.report_comment_reply(report=report, by=editor, parent=comment.pk, body="  ")
    services.report_comment_reply(report=report, by=editor, parent=comment.pk, resolves=True)
    with pytest.raises(services.TransitionRefused):
        services.report_comment_reply(report=report, by=editor, parent=comment.pk, resolves=True)
    with pytest.raises(PermissionDenied):
        services.report_comment_reply(report=report, by=world.user("editor_other"), parent=comment.pk, body="x")


def test_a_reply_to_another_reports_comment_is_refused(client, world, report):
    from tests.factories import ReportFactory

    other = ReportFactory(agency=world.other_agency, year=2024)
    foreign = ReviewComment.objects.create(report=other, section="problems", author=world.user("approver_other"),
                                           body="别处的意见", version=other.version)
    login(client, world.user("editor"))
    client.post(url("comment", report), {"parent": foreign.pk, "body": "越权回复"})
    assert not ReviewComment.objects.filter(body="越权回复").exists()


def test_the_queue_says_awaits_you_only_to_who_can_decide(client, world, report):
    services.report_submit(report=report, by=world.user("editor"))
    login(client, world.user("overseer"))
    text = page(client, reverse("review:queue"))
    assert "等待您处理" not in text and "由本单位审核人处理；您可以退回" in text


def without_approvers(world):
    world.agency.memberships.filter(role=Role.APPROVER).delete()


def test_an_agency_without_approver_is_approved_and_published_by_the_open_government_office(client, world, report):
    without_approvers(world)
    overseer = world.user("overseer")
    services.report_submit(report=report, by=world.user("editor"))
    login(client, overseer)
    assert "等待您处理" in page(client, reverse("review:queue"))
    dashboard = page(client, reverse("review:dashboard", args=[world.government.code, report.year]))
    assert 'id="staffing"' in dashboard and "无审核人" in dashboard and world.agency.name in dashboard
    services.report_approve(report=report, by=overseer)
    assert client.get(url("publish", report)).status_code == 200
    client.post(url("publish", report), {"confirmed": "yes"})
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED


def test_the_open_government_office_stands_in_when_every_approver_edited(world, report):
    approver, overseer = world.user("approver"), world.user("overseer")
    world.agency.memberships.filter(user=world.user("approver2")).delete()
    world.agency.memberships.create(user=approver, role=Role.EDITOR)
    report_write(report=report, by=approver, texts={"text.other": "审核人改写的内容"})
    services.report_submit(report=report, by=world.user("editor"))
    with pytest.raises(services.TransitionRefused, match="您在本轮修改过报告内容"):
        services.report_approve(report=report, by=approver)
    services.report_approve(report=report, by=overseer)
    assert report.status == ReportStatus.APPROVED


def test_an_agency_with_an_approver_is_not_decided_by_the_open_government_office(world, report):
    services.report_submit(report=report, by=world.user("editor"))
    with pytest.raises(PermissionDenied):
        services.report_approve(report=report, by=world.user("overseer"))


def test_an_approver_who_edited_is_refused_with_the_reason_and_another_approves(client, world, report):
    approver = world.user("approver")
    world.agency.memberships.create(user=approver, role=Role.EDITOR)
    report_write(report=report, by=approver, texts={"text.other": "审核人改写的内容"})
    services.report_submit(report=report, by=world.user("editor"))
    login(client, approver)
    review = page(client, url("report", report))
    assert 'id="four-eyes"' in review and "其他审核人" in review
    assert url("approve", report) not in review
    client.post(url("approve", report), {})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    services.report_approve(report=report, by=world.user("approver2"))


def test_authorship_counts_only_in_this_round(world, report):
    """Edits before a return belong to the earlier round; edits after it bar their author."""
    approver = world.user("approver")
    world.agency.memberships.create(user=approver, role=Role.EDITOR)
    report_write(report=report, by=approver, texts={"text.other": "上一轮的修改"})
    services.report_submit(report=report, by=world.user("editor"))
    services.report_return(report=report, by=world.user("approver2"), comment="请修改")
    report.refresh_from_db()
    report_write(report=report, by=world.user("editor"), texts={"text.other": "本轮由填报人修改"})
    services.report_submit(report=report, by=world.user("editor"))
    services.report_approve(report=report, by=approver)
    assert report.status == ReportStatus.APPROVED


def test_the_decision_panel_speaks_to_the_state_and_publishing_shows_the_public_address(client, world, report):
    bring_to(report, world, ReportStatus.SUBMITTED)
    login(client, world.user("approver"))
    text = page(client, url("report", report))
    assert "退回时将意见显示在" in text and "请审核通过，或附意见退回填报人" in text
    services.report_approve(report=report, by=world.user("approver"))
    text = page(client, url("report", report))
    assert "退回时将意见显示在" not in text and "已审核通过，可以发布" in text
    assert 'id="publish-link"' in text and url("publish", report) in text
    confirm = page(client, url("publish", report))
    public = reverse("publication:report", args=[world.government.code, report.agency.code, report.year])
    assert "确认发布本报告？" in confirm and public in confirm
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED  # asking is not publishing
    client.post(url("publish", report), {})  # not confirmed
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    client.post(url("publish", report), {"confirmed": "yes"})
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    text = page(client, url("report", report))
    assert 'id="public-address"' in text and public in text


def test_the_submitter_can_withdraw_from_the_hub_until_someone_decides(client, world, report):
    hub = reverse("drafting:hub", args=[report.agency.code, report.year])
    services.report_submit(report=report, by=world.user("editor"))
    login(client, world.user("editor2"))
    assert 'id="withdraw-form"' not in page(client, hub)
    client.logout()
    login(client, world.user("editor"))
    assert 'id="withdraw-form"' in page(client, hub)
    services.report_approve(report=report, by=world.user("approver"))
    assert 'id="withdraw-form"' not in page(client, hub)


def test_withdraw_from_the_hub(client, world, report):
    services.report_submit(report=report, by=world.user("editor"))
    login(client, world.user("editor"))
    client.post(url("withdraw", report), {})
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_reminders_say_whom_they_reached_and_whom_not(client, world, report):
    from tests.factories import AgencyFactory

    lonely = AgencyFactory(parent=world.government, name="无人填报局")
    login(client, world.user("overseer"))
    response = client.post(reverse("review:remind", args=[world.government.code, 2024]),
                           {"agency": [world.agency.pk, lonely.pk]}, follow=True)
    text = response.content.decode()
    assert f"已提醒1个单位的填报人（1封邮件）：{world.agency.name}" in text
    assert "1个单位未能提醒" in text and "无人填报局" in text
    assert len(mail.outbox) == 1


def test_names_read_in_chinese_order_in_pages_and_mail(client, world, report, django_capture_on_commit_callbacks):
    named(world.user("editor"), "王", "晓梅")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, by=world.user("editor"))
    assert "王晓梅" in mail.outbox[-1].body and "晓梅 王" not in mail.outbox[-1].body
    login(client, world.user("approver"))
    text = page(client, url("report", report))
    assert "王晓梅" in text and "晓梅 王" not in text


def test_the_admin_flags_agencies_without_editor_or_approver(client, world, django_user_model):
    from tests.factories import AgencyFactory

    AgencyFactory(parent=world.government, name="无人局")
    django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    assert client.login(username="root", password="x" * 12)
    text = page(client, reverse("admin:agencies_agency_changelist") + "?staffing=no_approver")
    assert "无人局" in text and "缺审核人" in text and world.agency.name not in text


def test_the_open_government_office_writes_its_governments_narrative_but_not_a_departments(client, world, report):
    from tests.factories import ReportFactory

    own = ReportFactory(agency=world.government, year=2024)
    login(client, world.user("overseer"))
    step = reverse("drafting:step", args=[world.government.code, 2024, "problems"])
    response = client.post(step, {"text.problems": "本级政府存在的问题和改进措施。", "version": own.version, "action": "save"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.texts.get(key="text.problems").body == "本级政府存在的问题和改进措施。"
    assert client.get(reverse("publication:government_report", args=[world.government.code, 2024])).status_code == 200
    department = reverse("drafting:step", args=[report.agency.code, report.year, "problems"])
    client.post(department, {"text.problems": "越权改写", "version": report.version, "action": "save"})
    report.refresh_from_db()
    assert report.texts.get(key="text.problems").body != "越权改写"
    # Its own text bars it from approving the government's report (four eyes), like anyone else.
    services.report_submit(report=own, by=world.user("overseer"))
    with pytest.raises(PermissionDenied):
        services.report_approve(report=own, by=world.user("overseer"))
