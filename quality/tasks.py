"""Background tasks (django-tasks): run by `python manage.py db_worker`, as many as wanted."""
from django_tasks import task

from .parts import audit_part_read, audit_run_plan


@task()
def run_file_audit(run_id: int) -> None:
    """Splits the audit into one task per file, below."""
    audit_run_plan(run_id=run_id)


@task()
def read_audit_part(part_id: int) -> None:
    audit_part_read(part_id=part_id)
