"""A submitted, approved or published report is locked: no write path changes it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from reports.data import ReportData
from reports.models import Report, ReportStatus
from reports.services import ReportLocked, report_data, report_replace_content, report_write
from review import services
from tests.factories import PASSWORD

from .test_authorization_matrix import PATTERNS, urls_for
from .test_transitions import bring_to

pytestmark = pytest.mark.django_db

LOCKED = [ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED]
# What a form, an autosave or an import would post: canonical keys with new values.
WRITE = {
    "apply.new.natural": "99", "text.problems": "改写后的内容", "meta.title": "改写的标题", "title": "改写的标题",
    "value": "99", "key": "apply.new.natural", "body": "改写", "text": "改写", "version": "1",
    "expected_version": "1", "comment": "x", "section": "apply", "anchor": "f-apply-new-natural",
    "replace": "on", "confirm": "on",
}
CASE = Path(__file__).resolve().parent.parent / "fixtures" / "validation" / "case-000.json"


def content(report) -> tuple:
    fresh = Report.objects.get(pk=report.pk)
    data = report_data(fresh)
    return fresh.version, fresh.title, data.cells, data.texts


@pytest.fixture(params=LOCKED)
def locked(request, world, report):
    bring_to(report, world, request.param)
    return report


def test_the_write_service_refuses(locked, world):
    with pytest.raises(ReportLocked):
        report_write(report=locked, by=world.user("editor"), cells={"apply.new.natural": 1})
    with pytest.raises(ReportLocked):
        report_write(report=locked, by=world.user("editor"), title="新标题")


def test_replacing_the_content_refuses(locked, world):
    data = ReportData(format=locked.format, year=locked.year, agency=locked.agency.name, texts={"text.other": "x"})
    with pytest.raises(ReportLocked):
        report_replace_content(report=locked, data=data, by=world.user("editor"))


def test_the_admin_cannot_change_or_delete_it(client, locked, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.login(username="root", password=PASSWORD)
    before = content(locked)
    change = reverse("admin:reports_report_change", args=[locked.pk])
    client.post(change, {"title": "管理员改的", "status": "draft"})
    client.post(reverse("admin:reports_report_changelist"),
                {"action": "delete_selected", "_selected_action": [locked.pk], "post": "yes"})
    assert Report.objects.filter(pk=locked.pk, status=locked.status).exists()
    assert content(locked) == before


@pytest.mark.parametrize("role", ["editor", "approver", "overseer"])
def test_no_url_changes_it(client, world, locked, role):
    """Every URL of the project (forms, autosave, live check, paste, import, API) posted to with new values."""
    client.login(username=world.user(role).username, password=PASSWORD)
    before = content(locked)
    for name, args in PATTERNS:
        if name.startswith("review:"):
            continue  # the workflow's own buttons change the status, never the content; tested there
        for url, _ in urls_for(world, locked, name, args):
            response = client.post(url, WRITE)
            assert response.status_code < 500, url
            assert content(locked) == before, f"POST {url} changed a {locked.status} report"


def test_a_correction_is_the_way_to_change_a_published_report(world, report):
    bring_to(report, world, ReportStatus.PUBLISHED)
    services.report_start_correction(report=report, by=world.user("editor"), reason="更正")
    report_write(report=report, by=world.user("editor"), cells={"apply.new.natural": 1})
    assert report_data(report).cells["apply.new.natural"] == 1


def interchange_for(report) -> bytes:
    doc = json.loads(CASE.read_text())
    return json.dumps({**doc, "year": report.year, "agency": report.agency.name}).encode()


def test_an_uploaded_import_is_refused(client, world, locked):
    client.login(username=world.user("editor").username, password=PASSWORD)
    before = content(locked)
    upload = SimpleUploadedFile("report.json", interchange_for(locked), content_type="application/json")
    response = client.post(reverse("importers:upload", args=[locked.agency.code, locked.year]), {"file": upload})
    assert response.status_code == 403
    assert content(locked) == before


def test_the_import_command_is_refused(world, locked, tmp_path):
    path = tmp_path / "report.json"
    path.write_bytes(interchange_for(locked))
    before = content(locked)
    with pytest.raises(SystemExit) as exit_:
        call_command("import_report", str(path), "--agency", locked.agency.code, "--replace")
    assert exit_.value.code != 0
    assert content(locked) == before
