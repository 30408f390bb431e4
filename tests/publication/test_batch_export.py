"""Batch export: the task builds one ZIP of every published report (PDF, DOCX) and the dataset."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from publication.batch import batch_export_build, batch_export_request
from publication.models import BatchExport, ExportStatus
from reports.models import ReportStatus

from .conftest import UNPUBLISHED, YEAR

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Rendering in this process; test_worker_processes_render_what_is_missing runs the pool.
    settings.BATCH_EXPORT_WORKERS = 1


@pytest.fixture
def start(client, django_capture_on_commit_callbacks):
    """Ask for the export; its task runs synchronously once the request's transaction commits."""

    def post(year=YEAR):
        with override_settings(TASKS=IMMEDIATE), django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("publication:batch_start", args=["testqu", year]))

    return post


def test_the_zip_holds_every_published_report_and_the_dataset(client, region, start):
    response = start()
    export = BatchExport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/export/{export.pk}/")
    assert export.status == ExportStatus.DONE and export.done == export.total == 3 * 2 + 1
    download = client.get(reverse("publication:batch_download", args=["testqu", YEAR, export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = set(archive.namelist())
    stems = [f"{r.agency.code}-{YEAR}" for r in region.published]
    assert names == {f"pdf/{t}.pdf" for t in stems} | {f"docx/{t}.docx" for t in stems} | {
        f"data/testqu-{YEAR}.{ext}" for ext in ("json", "csv", "xlsx")
    }
    for stem in stems:
        assert archive.read(f"pdf/{stem}.pdf").startswith(b"%PDF")
        assert archive.read(f"docx/{stem}.docx").startswith(b"PK")
    dataset = json.loads(archive.read(f"data/testqu-{YEAR}.json"))
    assert [r["agency_code"] for r in dataset["reports"]] == [r.agency.code for r in region.published]
    for name in names:
        assert UNPUBLISHED.encode() not in archive.read(name)


def test_files_are_the_cached_exports(client, region, start):
    from reports.exports.service import report_export

    pdf = report_export(region.published[0], "pdf").content
    start()
    export = BatchExport.objects.get()
    archive = zipfile.ZipFile(export.file_path)
    assert archive.read(f"pdf/{region.published[0].agency.code}-{YEAR}.pdf") == pdf


def test_the_same_content_is_not_built_twice(client, region, start):
    start()
    start()
    assert BatchExport.objects.count() == 1


def test_new_content_makes_a_new_export_and_drops_the_old_zip(client, region, start):
    from reports.services import report_set_status

    start()
    first = BatchExport.objects.get()
    report_set_status(report=region.hidden[ReportStatus.APPROVED], status=ReportStatus.PUBLISHED)
    start()
    second = BatchExport.objects.exclude(pk=first.pk).get()
    assert second.total == 4 * 2 + 1 and second.status == ExportStatus.DONE
    assert not Path(first.file_path).exists()


def test_a_year_without_published_reports_cannot_be_exported(client, region, start):
    assert start(YEAR + 1).status_code == 404
    assert not BatchExport.objects.exists()


def test_progress_fragment_polls_until_done(client, region):
    export = BatchExport.objects.create(region=region.government, year=YEAR, fingerprint="x", total=7, done=3,
                                        status=ExportStatus.RUNNING)
    url = reverse("publication:batch_progress", args=["testqu", YEAR, export.pk])
    fragment = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and 'value="3" max="7"' in fragment
    assert "<script" not in fragment
    BatchExport.objects.filter(pk=export.pk).update(status=ExportStatus.DONE, done=7)
    fragment = client.get(url).content.decode()
    assert "hx-trigger" not in fragment and "/download/" in fragment


def test_a_failure_is_recorded(region, monkeypatch):
    from publication import batch

    with override_settings(TASKS=IMMEDIATE):
        export = BatchExport.objects.create(region=region.government, year=YEAR, fingerprint="y", total=1)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(batch, "_write_zip", broken)
    with pytest.raises(OSError):
        batch_export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and export.error == "disk full"


def test_an_unfinished_export_cannot_be_downloaded(client, region):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        export = batch_export_request(region=region.government, year=YEAR)
    assert export.status == ExportStatus.QUEUED
    assert client.get(reverse("publication:batch_download", args=["testqu", YEAR, export.pk])).status_code == 404


def test_worker_processes_render_what_is_missing(region, settings, tmp_path):
    from publication.batch import POOL_THRESHOLD

    settings.EXPORT_CACHE_DIR = tmp_path / "cache"
    assert len(region.published) * 2 >= POOL_THRESHOLD
    export = BatchExport.objects.create(region=region.government, year=YEAR, fingerprint="pool", total=1)
    export = batch_export_build(export_id=export.pk, workers=2)
    assert export.status == ExportStatus.DONE
    names = zipfile.ZipFile(export.file_path).namelist()
    assert len([n for n in names if n.startswith("pdf/")]) == len(region.published)


def test_an_export_that_lost_its_worker_does_not_block_a_new_one(region):
    from django.utils import timezone

    from publication.batch import STALE_AFTER

    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):
        first = batch_export_request(region=region.government, year=YEAR)
        assert batch_export_request(region=region.government, year=YEAR) == first
        BatchExport.objects.filter(pk=first.pk).update(
            status=ExportStatus.RUNNING, created_at=timezone.now() - STALE_AFTER * 2
        )
        assert batch_export_request(region=region.government, year=YEAR) != first


def test_a_killed_export_leaves_no_temporary_zip_for_ever(region, settings):
    import os
    import time

    from publication.batch import export_dir

    with override_settings(TASKS=IMMEDIATE):
        export = BatchExport.objects.create(region=region.government, year=YEAR, fingerprint="z", total=1)
    export_dir().mkdir(parents=True, exist_ok=True)
    old, fresh = export_dir() / ".tmp-killed.zip", export_dir() / ".tmp-running.zip"
    for path in (old, fresh):
        path.write_bytes(b"PK half")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    batch_export_build(export_id=export.pk)
    assert not old.exists()
    assert fresh.exists()  # another worker may still be writing it


def test_entries_are_named_by_agency_and_year_never_by_title(region):
    """A title with `../` once put entries outside the archive's folders; two equal titles overwrote each other."""
    from reports.models import Report

    for report, title in zip(region.published, ("../../../etc/cron.d/x", "同一标题", "同一标题"), strict=True):
        Report.objects.filter(pk=report.pk).update(title=title)
    export = BatchExport.objects.create(region=region.government, year=YEAR, fingerprint="titles", total=1)
    export = batch_export_build(export_id=export.pk)
    names = zipfile.ZipFile(export.file_path).namelist()
    assert len(names) == 3 * 2 + 3
    assert all(Path(name).parts[0] in ("pdf", "docx", "data") and ".." not in Path(name).parts for name in names)
    assert {n for n in names if n.startswith("pdf/")} == {f"pdf/{r.agency.code}-{YEAR}.pdf" for r in region.published}


def test_a_corrected_report_is_named_with_its_correction_number(region):
    from .conftest import publish_correction, start_correction

    report = region.published[0]
    publish_correction(report, start_correction(report, reason="更正数字。", new_text="更正后的说明。"))
    export = BatchExport.objects.create(region=region.government, year=YEAR, fingerprint="corrected", total=1)
    names = zipfile.ZipFile(batch_export_build(export_id=export.pk).file_path).namelist()
    assert f"pdf/{report.agency.code}-{YEAR}-correction1.pdf" in names
