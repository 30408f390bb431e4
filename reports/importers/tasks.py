"""Background work of the importers (django-tasks): text recognition of scanned reports."""
from django_tasks import task

from .scans import scan_import_run


@task()
def recognise_scan(scan_id: int) -> None:
    scan_import_run(scan_id=scan_id)
