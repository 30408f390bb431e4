"""An administrator cannot change a published report, nor what it shows of its agency."""
import pytest
from django.urls import reverse

from reports.models import ReportStatus
from reports.services import report_data, report_set_status, report_write
from tests.factories import PASSWORD, AgencyFactory, GovernmentFactory, ReportFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    assert client.login(username="root", password=PASSWORD)
    return client


@pytest.fixture
def published():
    agency = AgencyFactory(parent=GovernmentFactory(code="gulou"), code="gulou-jiaoyu", name="鼓楼区教育局")
    report = ReportFactory(agency=agency, year=2024)
    report_write(report=report, cells={"apply.new.natural": 7}, texts={"text.problems": "存在的问题"})
    return report_set_status(report=report, status=ReportStatus.PUBLISHED)


def snapshot(report):
    report.refresh_from_db()
    return report.status, report.version, report.display_title, report_data(report).cells, report_data(report).texts


def test_the_report_change_page_is_read_only(admin_client, published):
    before = snapshot(published)
    url = reverse("admin:reports_report_change", args=[published.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    response = admin_client.post(url, {"status": "draft", "title": "改过的标题", "values-TOTAL_FORMS": "0"})
    assert response.status_code == 403
    assert snapshot(published) == before


def test_reports_cannot_be_added_or_deleted_in_the_admin(admin_client, published):
    assert admin_client.get(reverse("admin:reports_report_add")).status_code == 403
    assert admin_client.post(reverse("admin:reports_report_delete", args=[published.pk]),
                             {"post": "yes"}).status_code == 403
    assert snapshot(published)[0] == ReportStatus.PUBLISHED


def test_the_agency_of_a_published_report_keeps_its_name_code_and_region(admin_client, published):
    agency = published.agency
    before = snapshot(published)
    other = GovernmentFactory(code="xigong")
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    page = admin_client.get(url).content.decode()
    assert "已有已发布的报告" in page
    response = admin_client.post(url, {
        "name": "改名后的局", "short_name": "新局", "code": "renamed", "kind": agency.kind, "level": agency.level,
        "parent": other.pk, "membership_set-TOTAL_FORMS": "0", "membership_set-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    })
    assert response.status_code in (200, 302)
    agency.refresh_from_db()
    assert (agency.name, agency.code, agency.parent.code) == ("鼓楼区教育局", "gulou-jiaoyu", "gulou")
    assert snapshot(published) == before
    assert admin_client.get(
        reverse("publication:report", args=["gulou", "gulou-jiaoyu", 2024])).status_code == 200


def test_an_agency_without_published_reports_can_still_be_renamed(admin_client):
    agency = AgencyFactory(parent=GovernmentFactory(), name="旧名称局")
    ReportFactory(agency=agency, year=2025)
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    form = admin_client.get(url).context["adminform"].form
    assert "name" in form.fields and "code" in form.fields


def test_an_agency_with_reports_cannot_be_deleted(admin_client, published):
    response = admin_client.post(reverse("admin:agencies_agency_delete", args=[published.agency.pk]), {"post": "yes"})
    assert response.status_code == 403
