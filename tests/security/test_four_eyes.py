"""Four eyes by authorship: nobody approves or publishes a report whose content they changed in this round.

The probe found that only the person who clicked 提交 was barred: an approver who also holds the
editor role could rewrite the report, let a colleague submit it, and approve or publish their own text.
Each attempt goes through the real buttons (HTTP posts) and must be refused, with the reason.
"""
from __future__ import annotations

import pytest
from django.urls import reverse

from agencies.models import Membership, Role
from reports.models import Report, ReportStatus
from review import services
from tests.factories import (
    PASSWORD,
    AgencyFactory,
    GovernmentFactory,
    MembershipFactory,
    ReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OWN_TEXT = "审核人自己写的段落，不应由其本人审核通过。"


@pytest.fixture(autouse=True)
def no_findings(monkeypatch):
    # The cross-checks are not what is probed here: a clean report, so that only the rule can refuse.
    monkeypatch.setattr("reports.selectors.check_report", lambda report, *, stage: [])


@pytest.fixture
def people():
    agency = AgencyFactory(parent=GovernmentFactory(code="gulou"), code="gulou-xinfang")
    users = {name: UserFactory(username=name) for name in ("writer", "editor", "colleague", "overseer")}
    # `writer` is both editor and approver of the agency: the hole the probe went through.
    for name, role in [("writer", Role.EDITOR), ("writer", Role.APPROVER), ("editor", Role.EDITOR),
                       ("colleague", Role.APPROVER)]:
        MembershipFactory(agency=agency, user=users[name], role=role)
    MembershipFactory(agency=agency.parent, user=users["overseer"], role=Role.OVERSEER)
    report = ReportFactory(agency=agency, year=2024)
    return report, users


def as_user(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def review_url(name: str, report) -> str:
    return reverse(f"review:{name}", args=[report.agency.code, report.year])


def write_through_the_wizard(client, report, text: str) -> None:
    step = reverse("drafting:step", args=[report.agency.code, report.year, "problems"])
    response = client.post(step, {"text.problems": text, "version": Report.objects.get(pk=report.pk).version,
                                  "action": "save"})
    assert response.status_code == 302, response.content.decode()[:500]
    assert Report.objects.get(pk=report.pk).texts.get(key="text.problems").body == text


def status(report) -> str:
    return Report.objects.get(pk=report.pk).status


def test_an_approver_who_wrote_content_cannot_approve_it_after_a_colleague_submits(client, people):
    report, users = people
    write_through_the_wizard(as_user(client, users["writer"]), report, OWN_TEXT)
    services.report_submit(report=report, by=users["editor"])

    response = as_user(client, users["writer"]).post(review_url("approve", report), {}, follow=True)
    assert status(report) == ReportStatus.SUBMITTED
    text = response.content.decode()
    assert "您在本轮修改过报告内容" in text and "五、存在的主要问题及改进情况" in text

    as_user(client, users["colleague"]).post(review_url("approve", report), {})
    assert status(report) == ReportStatus.APPROVED


def test_an_approver_who_wrote_content_cannot_publish_it(client, people):
    report, users = people
    write_through_the_wizard(as_user(client, users["writer"]), report, OWN_TEXT)
    services.report_submit(report=report, by=users["editor"])
    services.report_approve(report=report, by=users["colleague"])

    as_user(client, users["writer"])
    confirm = client.get(review_url("publish", report), follow=True).content.decode()
    assert "您在本轮修改过报告内容" in confirm and "确认发布本报告" not in confirm
    response = client.post(review_url("publish", report), {"confirmed": "yes"}, follow=True)
    assert status(report) == ReportStatus.APPROVED
    assert "您在本轮修改过报告内容" in response.content.decode()


def test_a_superuser_who_wrote_content_is_held_to_the_same_rule(client, people):
    report, users = people
    writer = users["writer"]
    writer.is_superuser = writer.is_staff = True
    writer.save()
    write_through_the_wizard(as_user(client, writer), report, OWN_TEXT)
    services.report_submit(report=report, by=users["editor"])
    client.post(review_url("approve", report), {})
    assert status(report) == ReportStatus.SUBMITTED


def test_the_refusal_holds_for_the_open_government_office_standing_in(client, people):
    """With every approver barred, the office above decides; its own people are held to the same rule."""
    report, users = people
    Membership.objects.filter(user=users["colleague"]).delete()
    write_through_the_wizard(as_user(client, users["writer"]), report, OWN_TEXT)
    services.report_submit(report=report, by=users["editor"])
    as_user(client, users["writer"]).post(review_url("approve", report), {})
    assert status(report) == ReportStatus.SUBMITTED
    as_user(client, users["overseer"]).post(review_url("approve", report), {})
    assert status(report) == ReportStatus.APPROVED
