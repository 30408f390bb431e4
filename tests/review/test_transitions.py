"""Every transition of the workflow, allowed and forbidden, by every role."""
from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from publication.selectors import public_reports
from reports.models import ReportStatus
from review import services
from review.models import Action, ReportEvent, WarningExplanation

from .conftest import FakeFinding

pytestmark = pytest.mark.django_db

ROLES = ("editor", "editor2", "approver", "overseer", "editor_other", "approver_other", "overseer_other")


def run(action: str, report, by):
    if action == "submit":
        return services.report_submit(report=report, by=by, explanations={})
    if action == "withdraw":
        return services.report_withdraw(report=report, by=by)
    if action == "return":
        return services.report_return(report=report, by=by, comment="请补充")
    if action == "approve":
        return services.report_approve(report=report, by=by)
    if action == "accept":
        return services.report_accept(report=report, by=by)
    if action == "publish":
        return services.report_publish(report=report, by=by)
    if action == "correct":
        return services.report_start_correction(report=report, by=by, reason="更正表三数字")
    raise ValueError(action)


def bring_to(report, world, status: str):
    """Walk the report through the workflow to `status`, the editor submitting and the approver deciding."""
    path = [ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED]
    steps = {"submitted": "submit", "approved": "approve", "published": "publish"}
    actors = {"submit": "editor", "approve": "approver", "publish": "approver"}
    for target in path[: path.index(status) + 1] if status != ReportStatus.DRAFT else []:
        action = steps[target]
        run(action, report, world.user(actors[action]))
    assert report.status == status


ALLOWED = {
    ("draft", "submit"): {"editor", "editor2"},
    ("submitted", "withdraw"): {"editor"},
    ("submitted", "return"): {"approver", "overseer"},
    ("submitted", "approve"): {"approver"},
    ("approved", "return"): {"overseer"},
    ("approved", "publish"): {"approver"},
    ("published", "correct"): {"editor", "editor2", "approver"},
}
TARGET = {
    "submit": "submitted", "withdraw": "draft", "return": "draft", "approve": "approved",
    "publish": "published", "correct": "draft", "accept": "approved",
}


@pytest.mark.parametrize("status", ["draft", "submitted", "approved", "published"])
@pytest.mark.parametrize("action", ["submit", "withdraw", "return", "approve", "accept", "publish", "correct"])
@pytest.mark.parametrize("role", ROLES)
def test_transition_matrix(world, report, status, action, role):
    bring_to(report, world, status)
    events = ReportEvent.objects.count()
    if role in ALLOWED.get((status, action), ()):
        run(action, report, world.user(role))
        assert report.status == TARGET[action]
        report.refresh_from_db()
        assert report.status == TARGET[action]
        event = ReportEvent.objects.filter(report=report).first()
        assert (event.action, event.actor, event.from_status, event.to_status) == (
            action, world.user(role), status, TARGET[action])
    else:
        with pytest.raises(PermissionDenied):
            run(action, report, world.user(role))
        report.refresh_from_db()
        assert report.status == status
        assert ReportEvent.objects.count() == events


def test_no_self_approval_even_for_an_approver_who_also_edits(world, report):
    approver = world.user("approver")
    world.agency.memberships.create(user=approver, role="editor")
    services.report_submit(report=report, by=approver)
    with pytest.raises(PermissionDenied):
        services.report_approve(report=report, by=approver)
    with pytest.raises(PermissionDenied):
        services.report_return(report=report, by=approver, comment="自己退回")
    services.report_approve(report=report, by=world.user("approver2"))
    assert report.status == ReportStatus.APPROVED


def test_a_superuser_does_not_bypass_the_workflow(world, report, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    with pytest.raises(PermissionDenied):
        services.report_submit(report=report, by=admin)


def test_return_needs_a_comment(world, report):
    services.report_submit(report=report, by=world.user("editor"))
    with pytest.raises(services.TransitionRefused):
        services.report_return(report=report, by=world.user("approver"), comment="  ")
    assert report.status == ReportStatus.SUBMITTED


def test_an_error_blocks_submission(world, report, findings):
    findings.current = [FakeFinding("APPLY-BALANCE", "error")]
    with pytest.raises(services.SubmissionBlocked) as exc:
        services.report_submit(report=report, by=world.user("editor"), explanations={"APPLY-BALANCE": "x"})
    assert exc.value.errors
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.check_summary.errors == 1


def test_each_warning_needs_an_explanation_which_is_kept(world, report, findings):
    findings.current = [
        FakeFinding("TEXT-FEE-STATEMENT", "warning", "六未说明信息处理费"),
        FakeFinding("VALUE-RANGE", "warning", "数值过大"),
        FakeFinding("VALUE-RANGE", "warning", "另一个数值过大"),
        FakeFinding("META-STALE-REFERENCE", "info"),
    ]
    with pytest.raises(services.SubmissionBlocked) as exc:
        services.report_submit(report=report, by=world.user("editor"),
                               explanations={"TEXT-FEE-STATEMENT": "已在六中说明", "VALUE-RANGE": " "})
    assert exc.value.unexplained == ["VALUE-RANGE"]
    event = services.report_submit(report=report, by=world.user("editor"), explanations={
        "TEXT-FEE-STATEMENT": "已在六中说明", "VALUE-RANGE": "本年确有大量申请"})
    assert {(e.rule, e.text) for e in WarningExplanation.objects.filter(event=event)} == {
        ("TEXT-FEE-STATEMENT", "已在六中说明"), ("VALUE-RANGE", "本年确有大量申请")}
    assert report.check_summary.warnings == 3


def test_mail_goes_to_approvers_on_submit_and_to_editors_on_return_and_approval(
        world, report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, by=world.user("editor"))
    assert sorted(mail.outbox[-1].to) == ["approver2@example.org", "approver@example.org"]
    assert f"/review/{report.agency.code}/{report.year}/" in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(report=report, by=world.user("approver"), comment="表三第二列不平衡")
    assert sorted(mail.outbox[-1].to) == ["editor2@example.org", "editor@example.org"]
    assert "表三第二列不平衡" in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, by=world.user("editor"))
        services.report_approve(report=report, by=world.user("approver"))
    assert sorted(mail.outbox[-1].to) == ["editor2@example.org", "editor@example.org"]
    assert len(mail.outbox) == 4


def test_second_review_requires_the_overseer_to_accept_before_publication(world, report):
    world.government.second_review = True
    world.government.save()
    services.report_submit(report=report, by=world.user("editor"))
    services.report_approve(report=report, by=world.user("approver"))
    with pytest.raises(PermissionDenied):
        services.report_publish(report=report, by=world.user("approver"))
    with pytest.raises(PermissionDenied):
        services.report_accept(report=report, by=world.user("overseer_other"))
    with pytest.raises(PermissionDenied):
        services.report_accept(report=report, by=world.user("approver"))
    services.report_accept(report=report, by=world.user("overseer"))
    with pytest.raises(PermissionDenied):
        services.report_accept(report=report, by=world.user("overseer"))
    services.report_publish(report=report, by=world.user("approver"))
    assert report.status == ReportStatus.PUBLISHED


def test_acceptance_does_not_survive_a_return(world, report):
    world.government.second_review = True
    world.government.save()
    services.report_submit(report=report, by=world.user("editor"))
    services.report_approve(report=report, by=world.user("approver"))
    services.report_accept(report=report, by=world.user("overseer"))
    services.report_return(report=report, by=world.user("overseer"), comment="还需修改")
    services.report_submit(report=report, by=world.user("editor"))
    services.report_approve(report=report, by=world.user("approver"))
    with pytest.raises(PermissionDenied):
        services.report_publish(report=report, by=world.user("approver"))


def public_text(report) -> str:
    [public] = public_reports(agencies=[report.agency], year=report.year)
    return public.data.texts["text.other"]


def test_a_correction_keeps_the_published_version_public_until_it_is_published(world, report):
    from reports.services import report_write

    report_write(report=report, by=world.user("editor"), texts={"text.other": "未收取信息处理费。"})
    bring_to(report, world, ReportStatus.PUBLISHED)
    with pytest.raises(services.TransitionRefused):
        services.report_start_correction(report=report, by=world.user("editor"), reason=" ")
    revision = services.report_start_correction(report=report, by=world.user("editor"), reason="更正六的表述")
    assert report.status == ReportStatus.DRAFT
    assert revision.number == 1 and revision.previous["texts"]["text.other"] == "未收取信息处理费。"
    report_write(report=report, by=world.user("editor"), texts={"text.other": "本年度未收取信息处理费。"})
    assert public_text(report) == "未收取信息处理费。"
    services.report_submit(report=report, by=world.user("editor"))
    services.report_approve(report=report, by=world.user("approver"))
    services.report_publish(report=report, by=world.user("approver"))
    revision.refresh_from_db()
    assert revision.published["texts"]["text.other"] == "本年度未收取信息处理费。"
    assert revision.previous["texts"]["text.other"] == "未收取信息处理费。"
    assert public_text(report) == "本年度未收取信息处理费。"
    second = services.report_start_correction(report=report, by=world.user("approver"), reason="再次更正")
    assert second.number == 2
    assert [e.action for e in ReportEvent.objects.filter(report=report)][:2] == [Action.CORRECT, Action.PUBLISH]


def test_mail_links_are_absolute_when_the_site_url_is_set(world, report, settings,
                                                        django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://nianbao.example.gov.cn/"
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, by=world.user("editor"))
    assert f"https://nianbao.example.gov.cn/review/{report.agency.code}/{report.year}/" in mail.outbox[-1].body


def test_a_published_report_always_has_its_signature_date(world, report):
    import datetime

    from django.utils import timezone

    services.report_submit(report=report, by=world.user("editor"))
    services.report_approve(report=report, by=world.user("approver"))
    services.report_publish(report=report, by=world.user("approver"))
    report.refresh_from_db()
    assert report.signed_on == timezone.localdate()
    # A stored date is kept as it is.
    type(report).objects.filter(pk=report.pk).update(status=ReportStatus.APPROVED, signed_on=datetime.date(2025, 1, 20))
    services.report_publish(report=report, by=world.user("approver"))
    report.refresh_from_db()
    assert report.signed_on == datetime.date(2025, 1, 20)
