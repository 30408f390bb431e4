"""Batch export: every public report of a region and year as PDF and DOCX, plus the dataset, in one ZIP.

Built in the background (publication.tasks), its progress recorded in BatchExport. The task
splits the work: one task per report whose files are not in the export cache yet
(`export_part_render`: PDF, DOCX and the report's piece of the open data), taken from the queue
by any number of `db_worker` processes on any number of machines, then one task that writes the
ZIP and the dataset from the cache (`batch_export_assemble`). Each part is counted once however often it runs, and the part
that finishes last queues the ZIP in the same transaction: a worker killed anywhere loses
nothing (reports/worker_lease.py puts its task back on the queue).

`batch_export_build` does the whole export in one process, rendering what is missing in a
pool of processes (WeasyPrint is CPU-bound and single-threaded); those only render documents
built here and write the cache, never touching the database.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import timedelta
from multiprocessing import get_context
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from agencies.models import Agency
from reports.exports.cache import TEMP_PREFIX, sweep_abandoned
from review.models import ReportRevision

from . import workers as workers_module
from .files import BINARY_FORMATS, cache_file, public_document, render_to_cache
from .models import BatchExport, ExportPart, ExportStatus
from .opendata import dataset_csv, dataset_json, dataset_xlsx
from .opendata_pieces import from_pieces, piece_path, store_piece
from .selectors import PublicReport, public_reports, region_agencies, with_content

logger = logging.getLogger(__name__)

# Below this many files to render, starting worker processes costs more than it saves.
POOL_THRESHOLD = 6
# An export still unfinished after this long lost its worker: a new request starts afresh.
STALE_AFTER = timedelta(hours=1)


class NothingToExport(LookupError):
    pass


def export_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "batch-exports"


def fingerprint(reports: list[PublicReport]) -> str:
    return hashlib.sha256(";".join(f"{p.report.pk}:{p.version}" for p in reports).encode()).hexdigest()


def _reports(region: Agency, year: int, **content) -> list[PublicReport]:
    return public_reports(agencies=region_agencies(region), year=year, **content)


def batch_export_request(*, region: Agency, year: int) -> BatchExport:
    """The export of exactly this content: an existing one that is under way or done, or a new one, queued."""
    from .tasks import build_batch_export  # the task module imports this one

    reports = _reports(region, year, keys=(), texts=False)
    if not reports:
        raise NothingToExport
    key = fingerprint(reports)
    fresh = timezone.now() - STALE_AFTER
    for existing in BatchExport.objects.filter(region=region, year=year, fingerprint=key).exclude(
        status=ExportStatus.FAILED
    ):
        if existing.status == ExportStatus.DONE and Path(existing.file_path).exists():
            return existing
        if existing.status != ExportStatus.DONE and existing.created_at >= fresh:
            return existing
    export = BatchExport.objects.create(region=region, year=year, fingerprint=key, total=_steps(reports))
    transaction.on_commit(lambda: build_batch_export.enqueue(export.pk))
    return export


def _steps(reports: list[PublicReport]) -> int:
    return len(reports) * len(BINARY_FORMATS) + 1  # the dataset is one step


class Progress:
    """Counts finished steps; writes them at most every `interval` seconds (each write is a commit)."""

    @classmethod
    def silent(cls, export: BatchExport) -> Progress:
        """For the ZIP written after the parts: they have counted every file already."""
        progress = cls(export, interval=float("inf"))
        progress.written_at = float("inf")
        return progress

    def __init__(self, export: BatchExport, interval: float = 0.5):
        self.export, self.interval = export, interval
        self.done, self.written_at = 0, 0.0

    def advance(self) -> None:
        self.done += 1
        if time.monotonic() - self.written_at >= self.interval:
            BatchExport.objects.filter(pk=self.export.pk).update(done=self.done)
            self.written_at = time.monotonic()


def _dataset(zf: zipfile.ZipFile, region: Agency, year: int, reports: list[PublicReport]) -> None:
    """From the reports' open-data pieces (written by the parts); a piece missing is made here."""
    reports = from_pieces(reports)
    stem = f"data/{region.code}-{year}"
    doc = json.dumps(dataset_json(region, year, reports), ensure_ascii=False, indent=2)
    zf.writestr(f"{stem}.json", doc, compress_type=zipfile.ZIP_DEFLATED)
    zf.writestr(f"{stem}.csv", dataset_csv(reports), compress_type=zipfile.ZIP_DEFLATED)
    zf.writestr(f"{stem}.xlsx", dataset_xlsx(reports))


def _pool(workers: int) -> ProcessPoolExecutor:
    # Spawned, not forked: the parent may hold database connections and threads.
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=workers_module.init)


def default_workers() -> int:
    return getattr(settings, "BATCH_EXPORT_WORKERS", None) or os.cpu_count() or 1


def _render_missing(export: BatchExport, jobs: list, workers: int, add) -> None:
    """Render the files not in the cache, adding each to the ZIP as soon as it is there."""
    if workers <= 1 or len(jobs) < POOL_THRESHOLD:
        for document, path, file_format, arcname in jobs:
            render_to_cache(document, path, file_format)
            add(path, arcname)
        return
    with _pool(min(workers, len(jobs))) as pool:
        futures = {
            pool.submit(workers_module.render, document, path, file_format): (path, arcname)
            for document, path, file_format, arcname in jobs
        }
        for future in as_completed(futures):
            future.result()
            add(*futures[future])


def _failed(export_id: int, exc: Exception) -> None:
    logger.exception("batch export %s failed", export_id)
    BatchExport.objects.filter(pk=export_id).update(
        status=ExportStatus.FAILED, error=str(exc) or type(exc).__name__, finished_at=timezone.now()
    )


def batch_export_build(*, export_id: int, workers: int | None = None, assembling: bool = False) -> BatchExport:
    """The whole export in this process; `assembling`: only the ZIP, after the parts counted their files."""
    export = BatchExport.objects.select_related("region").get(pk=export_id)
    region, year = export.region, export.year
    if not assembling:
        BatchExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, done=0)
    try:
        reports = _reports(region, year, keys=(), texts=False)  # content loaded only where needed
        if not assembling:
            BatchExport.objects.filter(pk=export.pk).update(total=_steps(reports))
        target = export_dir() / f"{region.code}-{year}-{export.pk}.zip"
        progress = Progress.silent(export) if assembling else Progress(export)
        _write_zip(export, target, reports, workers or default_workers(), progress)
    except Exception as exc:
        _failed(export.pk, exc)
        raise
    BatchExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.DONE, done=F("total"), file_path=str(target), finished_at=timezone.now()
    )
    _drop_older(export)
    export.refresh_from_db()
    return export


def published_corrections(reports: list[PublicReport]) -> dict[int, int]:
    """The number of the last published correction of each report that has one."""
    rows = (ReportRevision.objects.filter(report__in=[p.report for p in reports], published_at__isnull=False)
            .values("report").annotate(last=Max("number")))
    return {row["report"]: row["last"] for row in rows}


def entry_name(public: PublicReport, file_format: str, correction: int) -> str:
    """`pdf/<agency code>-<year>[-correction<n>].pdf`: never from the title, which is free text and
    may repeat (two reports of one title would overwrite each other, `../` would leave the folder)."""
    suffix = f"-correction{correction}" if correction else ""
    return f"{file_format}/{public.agency.code}-{public.year}{suffix}.{file_format}"


def _write_zip(export: BatchExport, target: Path, reports: list[PublicReport], workers: int,
               progress: Progress) -> None:
    region = export.region
    precise_fee = bool(region.fee_header_precise)
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_abandoned(target.parent)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=".zip")
    os.close(fd)
    try:
        # PDF and DOCX are compressed already: stored as they are.
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
            _dataset(zf, region, export.year, reports)
            progress.advance()

            def add(path: Path, arcname: str) -> None:
                zf.write(path, arcname)
                progress.advance()

            missing = []
            corrections = published_corrections(reports)
            for public in reports:
                for file_format in BINARY_FORMATS:
                    path = cache_file(public, file_format, precise_fee=precise_fee)
                    arcname = entry_name(public, file_format, corrections.get(public.report.pk, 0))
                    if path.exists():
                        add(path, arcname)
                    else:
                        missing.append((public, path, file_format, arcname))
            _render_missing(export, _documents(missing, precise_fee), workers, add)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _documents(missing: list, precise_fee: bool) -> list:
    """The render jobs of the files not in the cache, their reports' content loaded (once per report)."""
    full = {p.report.pk: p for p in with_content(list({p.report.pk: p for p, *_rest in missing}.values()))}
    documents = {pk: public_document(p, precise_fee=precise_fee) for pk, p in full.items()}
    return [(documents[p.report.pk], *rest) for p, *rest in missing]


def _drop_older(export: BatchExport) -> None:
    """ZIPs of earlier content of the same region and year are never offered again."""
    older = BatchExport.objects.filter(region=export.region, year=export.year).exclude(fingerprint=export.fingerprint)
    for path in older.exclude(file_path="").values_list("file_path", flat=True):
        Path(path).unlink(missing_ok=True)
    older.exclude(file_path="").update(file_path="")


def _cached(public: PublicReport, precise_fee: bool) -> bool:
    files = [cache_file(public, f, precise_fee=precise_fee) for f in BINARY_FORMATS]
    return all(path.exists() for path in [*files, piece_path(public)])


def batch_export_plan(*, export_id: int) -> None:
    """Queue one task per report still to render, or the ZIP itself when every file is in the cache."""
    from .tasks import assemble_batch_export, render_export_part

    export = BatchExport.objects.select_related("region").get(pk=export_id)
    try:
        reports = _reports(export.region, export.year, keys=(), texts=False)
        precise_fee = bool(export.region.fee_header_precise)
        missing = [p for p in reports if not _cached(p, precise_fee)]
        with transaction.atomic():
            BatchExport.objects.filter(pk=export.pk).update(
                status=ExportStatus.RUNNING, total=_steps(reports),
                done=(len(reports) - len(missing)) * len(BINARY_FORMATS),
            )
            ExportPart.objects.bulk_create([ExportPart(export=export, report_id=p.report.pk) for p in missing],
                                           ignore_conflicts=True)
            parts = list(ExportPart.objects.filter(export=export, done=False).values_list("pk", flat=True))
        # Queued once the parts are committed (and no write transaction is held while a task runs where it is
        # queued). Killed before the last of them, this task is run again: the parts exist, the files already
        # rendered are counted from the cache, and a part queued twice is counted once.
        for part_id in parts:
            render_export_part.enqueue(part_id)
        if not parts:
            assemble_batch_export.enqueue(export.pk)
    except Exception as exc:
        _failed(export.pk, exc)
        raise


def export_part_render(*, part_id: int) -> None:
    """Render one report's PDF, DOCX and open-data piece into the cache, then count them (once, however often
    this runs)."""
    part = ExportPart.objects.select_related("export__region").get(pk=part_id)
    export = part.export
    if export.status != ExportStatus.RUNNING:
        return  # failed meanwhile, or built by another route
    if not part.done:
        try:
            precise_fee = bool(export.region.fee_header_precise)
            agency = Agency.objects.filter(reports__pk=part.report_id)
            for public in public_reports(agencies=agency, year=export.year):
                if public.report.pk == part.report_id:
                    _render_part(public, precise_fee)
        except Exception as exc:
            _failed(export.pk, exc)
            raise
    _part_done(part)


def _render_part(public: PublicReport, precise_fee: bool) -> None:
    paths = {f: cache_file(public, f, precise_fee=precise_fee) for f in BINARY_FORMATS}
    missing = [f for f, path in paths.items() if not path.exists()]
    if missing:  # a part may be only for the open-data piece (files cached before pieces were)
        document = public_document(public, precise_fee=precise_fee)
        for file_format in missing:
            render_to_cache(document, paths[file_format], file_format)
    store_piece(public)


def _part_done(part: ExportPart) -> None:
    from .tasks import assemble_batch_export

    with transaction.atomic():
        # Locking the export serialises the parts finishing at once: one of them sees that none is left.
        BatchExport.objects.select_for_update().filter(pk=part.export_id).values_list("pk").first()
        if ExportPart.objects.filter(pk=part.pk, done=False).update(done=True):
            BatchExport.objects.filter(pk=part.export_id).update(done=F("done") + len(BINARY_FORMATS))
        last = not ExportPart.objects.filter(export_id=part.export_id, done=False).exists()
    # Also when this part was counted by an earlier run of this task that died before queueing the ZIP.
    # Queued twice, the second finds the export done.
    if last:
        assemble_batch_export.enqueue(part.export_id)


def batch_export_assemble(*, export_id: int) -> None:
    export = BatchExport.objects.get(pk=export_id)
    if export.status == ExportStatus.RUNNING and not export.file_path:
        # Anything not rendered by a part (content changed since) is rendered here, in this process.
        batch_export_build(export_id=export_id, workers=1, assembling=True)
