"""The 政务公开办's audit and comparison pages: who may see them, what they show, constant queries."""
from __future__ import annotations

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from quality.models import AuditRun, RunStatus
from tests.factories import PASSWORD

from .conftest import publish
from .corpus import EXPECTED, report, write_corpus

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_audit_page_lists_each_report_and_each_failed_rule(client, published_region):
    login(client, published_region.people["overseer"])
    page = client.get(reverse("quality:audit", args=["ceshi", 2024]))
    assert page.status_code == 200
    body = page.content.decode()
    for rule in ("APPLY-ROW-SUM", "APPLY-BALANCE", "TEXT-FEE-STATEMENT", "TEXT-SIMILAR-LAST-YEAR"):
        assert rule in body
    assert "测试市测试区乙局" in body


def test_filter_by_rule_and_severity(client, published_region):
    login(client, published_region.people["overseer"])
    url = reverse("quality:audit", args=["ceshi", 2024])
    rows = client.get(url, {"rule": "TEXT-FEE-STATEMENT"}).context["rows"]
    assert [r.agency for r in rows] == ["测试市测试区丙局"]
    rows = client.get(url, {"severity": "error"}).context["rows"]
    assert [r.agency for r in rows] == ["测试市测试区乙局"]
    rows = client.get(url, {"sort": "errors"}).context["rows"]
    assert rows[0].agency == "测试市测试区乙局"


def test_drill_down_shows_the_findings_with_what_stands_there(client, published_region):
    login(client, published_region.people["overseer"])
    code = next(c for c, rules in published_region.expected.items() if "APPLY-ROW-SUM" in rules)
    body = client.get(reverse("quality:audit_report", args=["ceshi", 2024, code])).content.decode()
    assert "APPLY-ROW-SUM" in body and "一、本年新收政府信息公开申请数量" in body
    assert client.get(reverse("quality:audit_report", args=["ceshi", 2024, "nobody"])).status_code == 404


def test_the_xlsx_download_holds_the_findings(client, published_region):
    login(client, published_region.people["overseer"])
    response = client.get(reverse("quality:audit_xlsx", args=["ceshi", 2024]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rules = {row[2] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert rules == {"APPLY-ROW-SUM", "APPLY-BALANCE", "TEXT-FEE-STATEMENT", "TEXT-SIMILAR-LAST-YEAR"}


@pytest.mark.parametrize("who", ["editor", "overseer_other"])
@pytest.mark.parametrize("name", ["quality:audit", "quality:audit_xlsx", "quality:files", "quality:regions",
                                  "quality:regions_xlsx"])
def test_only_the_regions_office_may_look(client, published_region, who, name):
    login(client, published_region.people[who])
    assert client.get(reverse(name, args=["ceshi", 2024])).status_code == 403


def test_anonymous_is_sent_to_log_in(client, published_region):
    response = client.get(reverse("quality:audit", args=["ceshi", 2024]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _audit_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_reports(client, published_region):
    login(client, published_region.people["overseer"])
    url = reverse("quality:audit", args=["ceshi", 2024])
    before = _audit_queries(client, url)
    from tests.factories import AgencyFactory

    for n in range(4):
        publish(AgencyFactory(parent=published_region, name=f"测试市测试区新{n}局"), report(f"新{n}局", 2024))
    assert _audit_queries(client, url) == before
    assert before <= 16


def _upload(client, paths):
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]
    return client.post(reverse("quality:files", args=["ceshi", 2024]), {"files": files})


def test_a_few_uploaded_files_are_audited_at_once_and_not_kept(client, published_region, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "files"
    write_corpus(folder)
    login(client, published_region.people["overseer"])
    response = _upload(client, [folder / "totals-2024.docx", folder / "nofee-2024.txt"])
    run = AuditRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/files/{run.pk}/")
    assert run.status == RunStatus.DONE
    assert [f for f in (tmp_path / "media" / "quality-uploads").iterdir()] == []  # the files are gone
    page = client.get(response["Location"])
    assert {r.source: set(r.rules) for r in page.context["rows"]} == {
        "totals-2024.docx": EXPECTED["totals-2024.docx"], "nofee-2024.txt": EXPECTED["nofee-2024.txt"],
    }
    detail = client.get(reverse("quality:run_report", args=["ceshi", 2024, run.pk, 1]))
    assert "APPLY-ROW-SUM" in detail.content.decode()
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("quality:run_xlsx", args=["ceshi", 2024, run.pk])).content))
    assert book.worksheets[0].max_row == 3


def test_many_files_go_to_the_worker_with_progress(client, published_region, tmp_path, settings,
                                                   django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "files"
    write_corpus(folder)
    login(client, published_region.people["overseer"])
    with override_settings(TASKS=DUMMY), django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, sorted(folder.iterdir()))
    run = AuditRun.objects.get()
    assert run.status == RunStatus.QUEUED and run.total == len(EXPECTED)
    progress = client.get(reverse("quality:run_progress", args=["ceshi", 2024, run.pk]))
    assert "0 / 5" in progress.content.decode() or "hx-get" in progress.content.decode()
    assert client.get(response["Location"]).context["run"].status == RunStatus.QUEUED
    from quality.services import audit_run_execute

    audit_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.done == run.total == len(EXPECTED)
    rows = client.get(response["Location"]).context["rows"]
    assert {r.source: set(r.rules) for r in rows} == EXPECTED


def test_an_upload_of_nothing_is_refused_with_a_message(client, published_region):
    login(client, published_region.people["overseer"])
    response = client.post(reverse("quality:files", args=["ceshi", 2024]), {})
    assert response.status_code == 200 and response.context["form"].errors
    assert not AuditRun.objects.exists()


def test_another_regions_run_is_not_found(client, published_region, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    run = AuditRun.objects.create(region=published_region, year=2024, total=0, status=RunStatus.DONE)
    login(client, published_region.people["overseer_other"])
    assert client.get(reverse("quality:run", args=["other", 2024, run.pk])).status_code == 404
    assert client.get(reverse("quality:run", args=["ceshi", 2024, run.pk])).status_code == 403


def test_the_upload_checks_csrf_after_limiting_the_size(published_region, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(Client(enforce_csrf_checks=True), published_region.people["overseer"])
    url = reverse("quality:files", args=["ceshi", 2024])
    upload = SimpleUploadedFile("a.txt", "测试".encode())
    assert client.post(url, {"files": upload}).status_code == 403  # no token
    page = client.get(url)
    token = page.context["csrf_token"]
    response = client.post(url, {"files": SimpleUploadedFile("a.txt", "测试".encode()),
                                 "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302


def test_a_file_over_the_limit_is_refused_with_a_message(client, published_region, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.importers.reading import MAX_BYTES

    settings.MEDIA_ROOT = tmp_path / "media"
    login(client, published_region.people["overseer"])
    big = SimpleUploadedFile("big.zip", b"0" * (MAX_BYTES + 1))
    response = client.post(reverse("quality:files", args=["ceshi", 2024]), {"files": big})
    assert response.status_code == 200 and "上传大小限制" in response.content.decode()
    assert not AuditRun.objects.exists()
