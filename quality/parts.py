"""A file audit shared by any number of workers: one task per uploaded file.

`audit_run_plan` makes one AuditPart per file and queues a task for each (`audit_part_read`), taken
from the queue by any number of `db_worker` processes on any number of machines sharing the database
and MEDIA_ROOT. Each part is counted once however often it runs; the part that counts the last file
runs the checks of them all, then keeps the rows and ends the run in one transaction. A worker killed
anywhere loses nothing (reports/worker_lease.py puts its task back on the queue). Only the reading is
split: it is what takes the time, and a file's report is checked against last year's, which may be
another file of the same upload.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .audit import AuditRow, ParsedFile, audit_parsed, parse_file
from .models import AuditPart, AuditRun, RunStatus
from .services import audit_run_finish
from .sources import collect_sources

logger = logging.getLogger(__name__)


def audit_run_plan(*, run_id: int) -> None:
    """Queue one task per file not read yet. Run again (its worker killed), it queues those still unread:
    a part queued twice is counted once."""
    from .tasks import read_audit_part  # the task module imports this one

    run = AuditRun.objects.get(pk=run_id)
    if run.is_finished:
        return
    try:
        names = [source.name for source in collect_sources([Path(run.upload_dir)])]
        with transaction.atomic():
            AuditRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, total=len(names))
            AuditPart.objects.bulk_create(
                [AuditPart(run=run, number=number, name=name) for number, name in enumerate(names, start=1)],
                ignore_conflicts=True,
            )
            parts = list(AuditPart.objects.filter(run=run, done=False).values_list("pk", flat=True))
    except Exception as exc:  # the run must end visibly, whatever happened
        logger.exception("quality audit %s: splitting failed", run.pk)
        _end(run.pk, error=exc)
        return
    for part_id in parts:
        read_audit_part.enqueue(part_id)
    if not parts:
        _end(run.pk)


def _read(part: AuditPart) -> ParsedFile:
    run = part.run
    try:
        sources = collect_sources([Path(run.upload_dir)])
        # Matching a file needs only the names; the checks read the matched agencies whole (`_checks`).
        agencies = list(run.region.descendants().only("name", "short_name"))
        return parse_file(sources[part.number - 1], year=run.year, agencies=agencies)
    except Exception:  # this file ends as its row, not the audit as a stuck run
        logger.exception("quality audit %s: reading file %s failed", run.pk, part.number)
        return ParsedFile(part.name, error=_("The file could not be read."))


def audit_part_read(*, part_id: int) -> None:
    """Read one file, then count it (once, however often this runs); the last file ends the audit."""
    part = AuditPart.objects.select_related("run__region").get(pk=part_id)
    if part.run.is_finished:
        return  # ended meanwhile: a retry of a part counted already
    record = None if part.done else _read(part).to_record()
    with transaction.atomic():
        # Locking the run serialises the parts finishing at once: one of them sees that none is left.
        run = AuditRun.objects.select_for_update().get(pk=part.run_id)
        if run.is_finished:
            return
        if record is not None and AuditPart.objects.filter(pk=part.pk, done=False).update(done=True, parsed=record):
            AuditRun.objects.filter(pk=run.pk).update(done=F("done") + 1)
        if AuditPart.objects.filter(run=run, done=False).exists():
            return
    # Also when this part was counted by an earlier run of this task that died before the end.
    _end(run.pk)


def _checks(run: AuditRun) -> list[AuditRow]:
    """The checks of every file read, in the files' order."""
    records = list(AuditPart.objects.filter(run=run).order_by("number").values_list("parsed", flat=True))
    agency_ids = {record["agency"] for record in records if record.get("agency")}
    agencies = run.region.descendants().in_bulk(agency_ids)
    return audit_parsed([ParsedFile.from_record(record, agencies) for record in records], region=run.region)


def _end(run_id: int, *, error: Exception | None = None) -> None:
    """Run the checks (outside any transaction: they take a while), then keep the rows and end the run in one
    transaction; run twice at once, the second finds the run ended."""
    run = AuditRun.objects.select_related("region").get(pk=run_id)
    if run.is_finished:
        return
    rows = []
    if error is None:
        try:
            rows = _checks(run)
        except Exception as exc:  # the run must end visibly, whatever happened
            logger.exception("quality audit %s: the checks failed", run.pk)
            error = exc
    with transaction.atomic():
        if AuditRun.objects.select_for_update().get(pk=run.pk).is_finished:
            return
        audit_run_finish(run, rows=rows, error=error)
        AuditPart.objects.filter(run=run).update(parsed={})  # what was read is in the rows now
    shutil.rmtree(run.upload_dir, ignore_errors=True)
