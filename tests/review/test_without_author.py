"""Records without an author (demo data, command-line imports, deleted users) break no page.

Every change, event, comment, correction and audit entry of the fixture report is authorless; the
URLs come from the URL configuration as in the authorization matrix, so a page added later is
visited too, by everyone who may see the report.
"""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from audit.models import AuditAction
from audit.services import audit_record
from reports.models import ReportStatus
from reports.services import report_write
from review.models import Action, ReportEvent, ReviewComment
from tests.factories import UserFactory

from .test_authorization_matrix import PATTERNS, as_role, urls_for

pytestmark = pytest.mark.django_db
VIEWERS = ("editor", "approver", "overseer", "admin")


@pytest.fixture
def authorless(world, report):
    """The fixture report changed by nobody, and by someone since deleted."""
    gone = UserFactory(username="gone")
    report_write(report=report, by=None, cells={"apply.new.natural": 5}, texts={"text.other": "命令行导入。"})
    report_write(report=report, by=gone, cells={"apply.new.natural": 6})
    for actor in (None, gone):
        ReportEvent.objects.create(report=report, actor=actor, action=Action.SUBMIT, from_status=ReportStatus.DRAFT,
                                   to_status=ReportStatus.DRAFT, version=report.version, comment="说明")
        ReviewComment.objects.create(report=report, author=actor, section="apply", version=report.version, body="意见")
        audit_record(AuditAction.EXPORTED, by=actor, report=report, format="pdf")
    gone.delete()
    report.__class__.objects.filter(pk=report.pk).update(created_by=None)
    report.refresh_from_db()
    assert report.updated_by is None
    return report


@pytest.mark.parametrize("name,args", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_every_page_shows_records_without_an_author(client, world, authorless, name, args):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    for role in VIEWERS:
        client.logout()
        if role == "admin":
            client.force_login(admin)
        else:
            as_role(client, world, role)
        for url, _names_fixture in urls_for(world, authorless, name, args):
            response = client.get(url)
            assert response.status_code < 500, f"GET {url} as {role}: {response.status_code}"


def test_the_history_names_nobody_for_an_authorless_change(client, world, authorless):
    as_role(client, world, "approver")
    page = client.get(f"/review/{authorless.agency.code}/{authorless.year}/history/").content.decode()
    assert page.count("<tr>") >= 4
    assert "命令行导入" in page
