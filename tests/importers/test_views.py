"""The upload page: who may use it, what it shows, and that it asks before replacing a draft."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Role
from reports.models import Report, ReportStatus
from reports.services import report_data, report_replace_content, report_set_status
from tests.factories import PASSWORD, AgencyFactory, MembershipFactory, ReportFactory

from .samples import render_text, sample_data

pytestmark = pytest.mark.django_db


def _file(data=None, name="report.txt"):
    data = data or sample_data()
    return SimpleUploadedFile(name, "\n".join(render_text(data)).encode(), content_type="text/plain")


def _url(agency, year, name="upload"):
    return reverse(f"importers:{name}", kwargs={"agency_code": agency.code, "year": year})


@pytest.fixture
def editor(client):
    membership = MembershipFactory(role=Role.EDITOR)
    client.login(username=membership.user.username, password=PASSWORD)
    return membership.agency


def test_anonymous_is_sent_to_login(client):
    agency = AgencyFactory()
    response = client.get(_url(agency, 2022))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_editor_of_another_agency_gets_404(client, editor):
    other = AgencyFactory()
    assert client.get(_url(other, 2022)).status_code == 404
    assert client.post(_url(other, 2022), {"file": _file()}).status_code == 404
    ReportFactory(agency=other, year=2022)
    assert client.get(_url(other, 2022)).status_code == 404
    assert client.post(_url(other, 2022, "confirm"), {"replace": "1"}).status_code == 404


@pytest.mark.parametrize("role", [Role.APPROVER, Role.OVERSEER])
def test_other_roles_of_the_agency_cannot_import(client, role):
    membership = MembershipFactory(role=role)
    client.login(username=membership.user.username, password=PASSWORD)
    assert client.get(_url(membership.agency, 2022)).status_code == 404


def test_upload_shows_values_texts_and_findings_then_writes_on_confirm(client, editor):
    data = sample_data()
    page = client.get(_url(editor, data.year))
    assert page.status_code == 200 and "从已发布年报导入" in page.content.decode()
    response = client.post(_url(editor, data.year), {"file": _file(data)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "APPLY-BALANCE" in html and "全年主动公开政府信息1234条" in html and str(data.cells["apply.new.total"]) in html
    assert not Report.objects.filter(agency=editor).exists()  # nothing written before confirming

    response = client.post(_url(editor, data.year, "confirm"))
    assert response.status_code == 302
    stored = report_data(Report.objects.get(agency=editor, year=data.year))
    assert stored.cells == data.cells and stored.texts == data.texts


def test_replacing_a_draft_with_content_needs_confirmation(client, editor):
    data = sample_data()
    report = ReportFactory(agency=editor, year=data.year)
    old = sample_data()
    old.cells = {"apply.new.natural": 7}
    report_replace_content(report=report, data=old)
    response = client.post(_url(editor, data.year), {"file": _file(data)})
    assert 'name="replace"' in response.content.decode()

    response = client.post(_url(editor, data.year, "confirm"))
    assert response.status_code == 400
    assert report_data(report).cells == {"apply.new.natural": 7}

    response = client.post(_url(editor, data.year, "confirm"), {"replace": "1"})
    assert response.status_code == 302
    assert report_data(report).cells == data.cells


def test_locked_report_is_refused(client, editor):
    report = ReportFactory(agency=editor, year=2022)
    report_set_status(report=report, status=ReportStatus.SUBMITTED)
    assert client.get(_url(editor, 2022)).status_code == 403
    assert client.post(_url(editor, 2022), {"file": _file()}).status_code == 403
    assert not report.values.exists()


def test_bad_upload_is_explained_and_changes_nothing(client, editor):
    junk = SimpleUploadedFile("report.pdf", b"%PDF-1.4 not really a pdf", content_type="application/pdf")
    response = client.post(_url(editor, 2022), {"file": junk})
    assert response.status_code == 400 and "invalid-feedback" in response.content.decode()
    wrong_type = SimpleUploadedFile("report.exe", b"MZ", content_type="application/octet-stream")
    assert client.post(_url(editor, 2022), {"file": wrong_type}).status_code == 400
    assert not Report.objects.exists()


def test_upload_of_another_year_is_refused(client, editor):
    response = client.post(_url(editor, 2023), {"file": _file(sample_data())})  # a 2022 report
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_confirm_without_upload_goes_back(client, editor):
    response = client.post(_url(editor, 2022, "confirm"))
    assert response.status_code == 302 and response["Location"].endswith(_url(editor, 2022))


def test_unknown_year_is_404(client, editor):
    assert client.get(_url(editor, 2001)).status_code == 404


def test_a_file_without_a_year_takes_the_year_of_the_page(client, editor):
    data = sample_data()
    lines = render_text(data)
    lines[0] = "测试局政府信息公开工作年度报告"
    lines = [line.replace(f"{data.year}年", "本年") for line in lines]
    upload = SimpleUploadedFile("report.txt", "\n".join(lines).encode(), content_type="text/plain")
    response = client.post(_url(editor, data.year), {"file": upload})
    assert response.status_code == 200 and 'action="' + _url(editor, data.year, "confirm") in response.content.decode()
