"""A batch export that fails halfway leaves neither a ZIP nor a cached file that is not whole."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from publication import batch, files
from publication.models import BatchExport, ExportStatus
from reports.models import ReportStatus
from reports.services import report_create, report_set_status
from tests.exports.sample import fill_report
from tests.factories import AgencyFactory, GovernmentFactory

from .test_export_crash import assert_complete, cache_files

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def export(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BATCH_EXPORT_WORKERS = 1
    government = GovernmentFactory(code="faultqu", name="测试故障区人民政府")
    report = report_create(agency=AgencyFactory(parent=government, name="测试故障区公开局"), year=YEAR)
    fill_report(report)
    report_set_status(report=report, status=ReportStatus.PUBLISHED)
    return BatchExport.objects.create(region=government, year=YEAR, fingerprint="faults", total=1)


def test_a_render_failing_after_the_first_file_leaves_no_zip_and_only_whole_files(export, settings, monkeypatch):
    real = files.render_document

    def docx_fails(document, file_format):
        if file_format == "docx":
            raise MemoryError("worker died")
        return real(document, file_format)

    with monkeypatch.context() as patched:
        patched.setattr(files, "render_document", docx_fails)
        with pytest.raises(MemoryError):
            batch.batch_export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and not export.file_path
    assert cache_files(batch.export_dir()) == []
    cached = cache_files(Path(settings.EXPORT_CACHE_DIR))
    # The PDF rendered before the failure, and the report's open-data piece; no DOCX, whole or not.
    pdfs = [name for name in cached if name.endswith(".pdf")]
    pieces = [name for name in cached if name.endswith(".opendata.json")]
    assert len(pdfs) == 1 and len(pieces) <= 1 and len(cached) == len(pdfs) + len(pieces)
    assert_complete((Path(settings.EXPORT_CACHE_DIR) / pdfs[0]).read_bytes(), "pdf")
    for piece in pieces:
        json.loads((Path(settings.EXPORT_CACHE_DIR) / piece).read_text())

    export = batch.batch_export_build(export_id=export.pk)
    assert export.status == ExportStatus.DONE
    assert cache_files(batch.export_dir()) == [Path(export.file_path).name]
    archive = zipfile.ZipFile(export.file_path)
    assert archive.testzip() is None
    for name in archive.namelist():
        if name.endswith((".pdf", ".docx")):
            assert_complete(archive.read(name), name.rsplit(".", 1)[1])
