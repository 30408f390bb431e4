"""Starting and running a quality audit of uploaded files."""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency

from .audit import AuditRow, audit_files
from .models import AuditRun, RunStatus
from .sources import collect_sources

logger = logging.getLogger(__name__)

# Up to this many files are audited while the person waits; more are shared by the background workers,
# one task per file (quality/parts.py).
INLINE_LIMIT = 3


def _upload_root() -> Path:
    root = Path(settings.MEDIA_ROOT) / "quality-uploads"
    root.mkdir(parents=True, exist_ok=True)
    return root


def audit_run_start(*, region: Agency, year: int, files, by) -> AuditRun:
    """Keep the uploaded files until the audit has read them; run it now or in the background."""
    folder = Path(tempfile.mkdtemp(dir=_upload_root()))
    for number, upload in enumerate(files):
        # The name is the person's; only its last part is used, inside a folder of the run's own.
        name = Path(upload.name or "").name or f"file-{number}"
        target = folder / f"{number:04d}-{name}"
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    total = len(collect_sources([folder]))
    run = AuditRun.objects.create(region=region, year=year, requested_by=by, total=total, upload_dir=str(folder))
    if total <= INLINE_LIMIT:
        return audit_run_execute(run_id=run.pk)
    from .tasks import run_file_audit

    transaction.on_commit(lambda: run_file_audit.enqueue(run.pk))
    return run


def _display_name(name: str) -> str:
    """The uploaded file's own name, without the run's numbering."""
    head, _sep, rest = name.partition("-")
    return rest if head.isdigit() and rest else name


def audit_run_execute(*, run_id: int) -> AuditRun:
    """The whole audit in this process, file after file."""
    run = AuditRun.objects.select_related("region").get(pk=run_id)
    if run.is_finished:
        return run
    AuditRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    folder = Path(run.upload_dir)

    def progress(done: int, total: int) -> None:
        AuditRun.objects.filter(pk=run.pk).update(done=done, total=total)

    try:
        rows, error = audit_files(collect_sources([folder]), region=run.region, year=run.year,
                                  on_progress=progress), None
    except Exception as exc:  # the run must end visibly, whatever happened
        logger.exception("quality audit %s failed", run.pk)
        rows, error = [], exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return audit_run_finish(run, rows=rows, error=error)


def audit_run_finish(run: AuditRun, *, rows: list[AuditRow], error: Exception | None = None) -> AuditRun:
    """Keep the rows (or the error) and end the run."""
    if error is not None:
        run.status, run.error = RunStatus.FAILED, str(error)
    else:
        for row in rows:
            row.source = _display_name(row.source)
        run.rows = [row.to_record() for row in rows]
        run.status = RunStatus.DONE
    run.done = run.total = len(run.rows) or run.total
    run.finished_at = timezone.now()
    run.save(update_fields=["rows", "status", "error", "done", "total", "finished_at"])
    return run
