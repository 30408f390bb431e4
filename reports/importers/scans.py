"""Scanned reports are recognised in the background worker: queue one, run it, read its outcome."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import Agency

from .models import ScanImport, ScanStatus
from .result import ImportRejected


def scan_import_request(*, agency: Agency, year: int, user, source: str, content: bytes) -> ScanImport:
    """Store the scan and queue its recognition (after the transaction, so the worker finds it)."""
    from .tasks import recognise_scan

    scan = ScanImport.objects.create(agency=agency, year=year, created_by=user, source=source[:255], content=content)
    transaction.on_commit(lambda: recognise_scan.enqueue(scan.pk))
    return scan


def _progress(scan_id: int):
    def report(done: int, total: int) -> None:
        ScanImport.objects.filter(pk=scan_id).update(done=done, total=total)

    return report


def scan_import_run(*, scan_id: int) -> None:
    from .services import import_parse

    scan = ScanImport.objects.select_related("agency").filter(pk=scan_id, status=ScanStatus.QUEUED).first()
    if scan is None:
        return
    ScanImport.objects.filter(pk=scan.pk).update(status=ScanStatus.RUNNING)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            result = import_parse(bytes(scan.content), source=scan.source, agency=scan.agency,
                                  fallback_year=scan.year, progress=_progress(scan.pk))
            if result.data.year != scan.year:
                raise ImportRejected(_("This is the report of %(found)s, not of %(year)s.")
                                     % {"found": result.data.year, "year": scan.year})
        except ImportRejected as exc:
            ScanImport.objects.filter(pk=scan.pk).update(status=ScanStatus.FAILED, error=str(exc), content=b"")
            return
    ScanImport.objects.filter(pk=scan.pk).update(status=ScanStatus.DONE, result=result.to_json(findings=False),
                                                  content=b"")
