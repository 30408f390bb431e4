"""Scans go to the background worker: the upload page says so, follows the progress, then shows what was read."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Role
from reports.importers import services
from reports.importers.models import ScanImport, ScanStatus
from reports.importers.parse import parse_lines
from reports.importers.scans import scan_import_run
from reports.importers.text import read_text
from reports.models import Report
from tests.factories import PASSWORD, MembershipFactory

from .samples import render_text, sample_data

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


@pytest.fixture
def editor(client):
    membership = MembershipFactory(role=Role.EDITOR)
    client.login(username=membership.user.username, password=PASSWORD)
    return membership


def _recognised(monkeypatch, data, pages=2):
    """Recognition stands in for by the report's text, page by page told to the progress."""
    real = services.import_parse

    def parse(content, *, progress=None, **kwargs):
        seen.append(ScanImport.objects.get().status)
        for page in range(1, pages + 1):
            progress(page, pages)
        return real("\n".join(render_text(data)).encode(), **kwargs)

    seen = []
    monkeypatch.setattr(services, "import_parse", parse)
    return seen


def _urls(agency, year, pk):
    args = [agency.code, year, pk]
    return reverse("importers:scan", args=args), reverse("importers:scan_progress", args=args)


def test_a_scan_is_queued_followed_and_then_shown_for_confirmation(client, editor, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    data, agency = sample_data(), editor.agency
    upload = reverse("importers:upload", args=[agency.code, data.year])
    page = client.get(upload).content.decode()
    assert ".png" in page and "每页约需一分钟" in page
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(upload, {"file": SimpleUploadedFile("scan.png", PNG, content_type="image/png")})
    assert len(callbacks) == 1  # the recognition task is enqueued once the scan is stored
    scan = ScanImport.objects.get()
    status_url, progress_url = _urls(agency, data.year, scan.pk)
    assert response.status_code == 302 and response["Location"] == status_url
    waiting = client.get(status_url).content.decode()
    assert "需要一段时间" in waiting and 'id="scan-progress-bar"' in waiting

    seen = _recognised(monkeypatch, data)
    scan_import_run(scan_id=scan.pk)
    scan.refresh_from_db()
    assert seen == [ScanStatus.RUNNING] and scan.status == ScanStatus.DONE
    assert (scan.done, scan.total, bytes(scan.content)) == (2, 2, b"")
    assert client.get(progress_url, headers={"HX-Request": "true"})["HX-Redirect"] == status_url
    shown = client.get(status_url).content.decode()
    assert "核对读取结果" in shown or "2." in shown
    client.post(reverse("importers:confirm", args=[agency.code, data.year]), {"replace": "1"})
    assert Report.objects.get(agency=agency, year=data.year).values.count() > 0


def test_progress_counts_pages(client, editor):
    scan = ScanImport.objects.create(agency=editor.agency, year=2022, created_by=editor.user, source="s.pdf",
                                     status=ScanStatus.RUNNING, done=1, total=3)
    html = client.get(_urls(editor.agency, 2022, scan.pk)[1]).content.decode()
    assert 'value="1" max="3"' in html and "hx-get" in html


def test_a_refused_scan_shows_why_on_the_upload_page(client, editor, monkeypatch):
    scan = ScanImport.objects.create(agency=editor.agency, year=2022, created_by=editor.user, source="s.png",
                                     content=b"\x89PNG\r\n\x1a\nbroken")
    scan_import_run(scan_id=scan.pk)
    scan.refresh_from_db()
    assert scan.status == ScanStatus.FAILED and "图片已损坏" in scan.error
    assert "图片已损坏" in client.get(_urls(editor.agency, 2022, scan.pk)[0]).content.decode()


def test_someone_elses_scan_is_not_found(client, editor):
    other = MembershipFactory(role=Role.EDITOR, agency=editor.agency)
    scan = ScanImport.objects.create(agency=editor.agency, year=2022, created_by=other.user, source="s.png")
    for url in _urls(editor.agency, 2022, scan.pk):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 405
    outsider = MembershipFactory(role=Role.EDITOR)
    client.login(username=outsider.user.username, password=PASSWORD)
    mine = ScanImport.objects.create(agency=outsider.agency, year=2022, created_by=outsider.user, source="s.png")
    assert client.get(_urls(editor.agency, 2022, mine.pk)[0]).status_code == 404


def test_parse_of_the_stand_in_is_the_report():
    data = sample_data()
    assert parse_lines(read_text("\n".join(render_text(data))), source="x").data.cells == data.cells
