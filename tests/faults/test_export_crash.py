"""A crash during an export never leaves a corrupt file that a later download would be served."""
from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from reports.exports import cache, service
from reports.exports.service import report_export
from tests.exports.sample import fill_report
from tests.factories import ReportFactory

from .server import ROOT
from .stalled_export import STALLED, half_writing_fdopen, sample_document

FORMATS = ("pdf", "docx")


def assert_complete(content: bytes, file_format: str) -> None:
    if file_format == "pdf":
        assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    else:
        assert "测试" in "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def cache_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def cache_key(report, file_format: str) -> Path:
    return cache.cache_path(report_id=report.pk, version=report.version, file_format=file_format,
                            precise_fee=service.precise_fee_header(report), draft=service.is_draft(report),
                            stamp=cache.report_stamp(report))


@pytest.fixture
def report(db):
    report = ReportFactory(agency__name="测试区导出局")
    fill_report(report)
    return report


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_renderer_that_fails_leaves_nothing_and_the_next_export_is_complete(
    report, settings, monkeypatch, file_format
):
    def fail(*args):
        raise MemoryError("renderer died")

    with monkeypatch.context() as patched:
        patched.setattr(service, "document_render", fail)  # the limited process's renderer
        with pytest.raises(MemoryError):
            report_export(report, file_format)
    assert cache_files(settings.EXPORT_CACHE_DIR) == []
    export = report_export(report, file_format)
    assert_complete(export.content, file_format)
    assert cache_files(settings.EXPORT_CACHE_DIR) == [cache_key(report, file_format).name]


def test_a_disk_that_fills_up_mid_write_leaves_nothing(settings, monkeypatch):
    """The write itself fails halfway (ENOSPC): the bytes are still served, and neither the key nor the
    partial temporary file stays."""
    path = Path(settings.EXPORT_CACHE_DIR) / "report-1-v1-fee-final-x-layout.docx"

    def disk_full():
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache.os, "fdopen", half_writing_fdopen(disk_full))
    assert cache.cached(path, lambda: b"PK" + b"x" * 1000) == b"PK" + b"x" * 1000
    assert cache_files(path.parent) == []


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_worker_killed_mid_write_leaves_no_file_under_its_key(tmp_path, file_format):
    """The batch export's worker entry point, SIGKILLed with half the bytes on disk."""
    path = tmp_path / "exports" / f"report-1-v1-fee-final-x-layout.{file_format}"
    worker = subprocess.Popen([sys.executable, "-m", "tests.faults.stalled_export", str(path), file_format],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = worker.stdout.readline()
        assert line.strip() == STALLED, worker.stderr.read()
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    assert not path.exists(), "a half-written file sits under the cache key"
    leftovers = [p for p in path.parent.iterdir() if p.name.startswith(cache.TEMP_PREFIX)]
    assert len(leftovers) == 1 and leftovers[0].stat().st_size > 0

    content = cache.cached(path, lambda: _render(file_format))
    assert_complete(content, file_format)
    assert path.read_bytes() == content
    assert leftovers[0].exists(), "a temporary file of a few seconds may still be written by a live process"


def _render(file_format: str) -> bytes:
    from publication.files import render_document

    return render_document(sample_document(), file_format)


def test_temporary_files_of_killed_exports_are_swept(settings):
    directory = Path(settings.EXPORT_CACHE_DIR)
    directory.mkdir(parents=True)
    abandoned, in_progress = directory / ".tmp-abandoned.pdf", directory / ".tmp-writing.pdf"
    abandoned.write_bytes(b"%PDF-half")
    in_progress.write_bytes(b"%PDF-half")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(abandoned, (two_hours_ago, two_hours_ago))
    cache.cached(directory / "report-1-v2-fee-final-x-layout.pdf", lambda: b"%PDF-1.7 complete %%EOF")
    assert cache_files(directory) == [in_progress.name, "report-1-v2-fee-final-x-layout.pdf"]
