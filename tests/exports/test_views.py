"""Where users get the files: permissions, file names, the cache, escaping in the preview."""
from unittest import mock
from urllib.parse import quote

import pytest
from django.urls import reverse

from agencies.models import Role
from reports.exports import service
from reports.models import ReportStatus
from reports.services import report_set_status, report_write
from tests.factories import AgencyFactory, MembershipFactory, ReportFactory

from .conftest import MARKUP

pytestmark = pytest.mark.django_db
NAMES = ["exports:preview", "exports:pdf", "exports:docx", "exports:json"]


@pytest.fixture
def report():
    report = ReportFactory()
    return report_write(report=report, cells={"apply.new.natural": 0, "apply.new.business": 7},
                        texts={"text.other": MARKUP})


@pytest.fixture
def editor_client(client, report):
    client.force_login(MembershipFactory(agency=report.agency, role=Role.EDITOR).user)
    return client


def url(name, report):
    return reverse(name, args=[report.agency.code, report.year])


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_is_sent_to_login(client, report, name):
    response = client.get(url(name, report))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("name", NAMES)
def test_another_agencys_editor_gets_404(client, report, name):
    client.force_login(MembershipFactory(agency=AgencyFactory(), role=Role.EDITOR).user)
    assert client.get(url(name, report)).status_code == 404


def test_unknown_report_is_404(editor_client, report):
    assert editor_client.get(reverse("exports:pdf", args=[report.agency.code, 2019])).status_code == 404


def test_permission_is_asked_for_the_report(editor_client, report):
    with mock.patch("django.contrib.auth.models.User.has_perm", return_value=False) as has_perm:
        assert editor_client.get(url("exports:json", report)).status_code == 404
    assert has_perm.called


@pytest.mark.parametrize("name, extension, content_type", [
    ("exports:pdf", "pdf", "application/pdf"),
    ("exports:docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("exports:json", "json", "application/json"),
])
def test_downloads_carry_the_title_as_utf8_file_name(editor_client, report, name, extension, content_type):
    response = editor_client.get(url(name, report))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    expected = quote(f"{report.display_title}.{extension}")
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{expected}"


def test_json_download_is_the_interchange_format(editor_client, report):
    doc = editor_client.get(url("exports:json", report)).json()
    assert doc["format"] == "gov-2021" and doc["cells"]["apply.new.natural"] == 0
    assert doc["texts"]["text.other"] == MARKUP


def test_preview_shows_the_document_with_markup_as_text(editor_client, report):
    page = editor_client.get(url("exports:preview", report)).content.decode()
    assert report.display_title in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "nb-watermark" in page and "草稿" in page
    for name in NAMES:
        assert url(name, report) in page


def test_second_download_comes_from_the_cache(editor_client, report, export_cache_dir):
    with mock.patch.object(service, "_render", wraps=service._render) as render:
        first = editor_client.get(url("exports:docx", report)).content
        second = editor_client.get(url("exports:docx", report)).content
    assert render.call_count == 1 and first == second
    assert len(list(export_cache_dir.glob("*.docx"))) == 1


def test_a_change_or_publication_renders_again(editor_client, report, export_cache_dir):
    with mock.patch.object(service, "_render", wraps=service._render) as render:
        editor_client.get(url("exports:json", report))
        report_write(report=report, cells={"apply.new.business": 8})
        assert editor_client.get(url("exports:json", report)).json()["cells"]["apply.new.business"] == 8
        report_set_status(report=report, status=ReportStatus.PUBLISHED)
        editor_client.get(url("exports:json", report))
    assert render.call_count == 3
    # The earlier version's file is gone; the draft and the published one of this version stay.
    assert len(list(export_cache_dir.glob("*.json"))) == 2


def test_the_region_fee_header_variant_has_its_own_cache_entry(report):
    first = service.report_export(report, "html").content.decode()
    region = report.agency.region()
    region.fee_header_precise = True
    region.save()
    second = service.report_export(report, "html").content.decode()
    assert "本年收费金额（单位：万元）" in first and "保留4位小数" in second


def test_a_failed_render_leaves_nothing_in_the_cache(report, export_cache_dir):
    with mock.patch.object(service, "document_render", side_effect=RuntimeError("crash")), \
            pytest.raises(RuntimeError):
        service.report_export(report, "docx")
    assert not export_cache_dir.exists() or not any(export_cache_dir.iterdir())


def test_a_crash_while_storing_leaves_no_partial_file(report, export_cache_dir):
    with mock.patch("reports.exports.cache.os.replace", side_effect=OSError("disk full")):
        assert service.report_export(report, "json").content.startswith(b"{")  # served, not stored
    assert list(export_cache_dir.iterdir()) == []
    assert service.report_export(report, "json").content.startswith(b"{")

