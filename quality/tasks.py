"""Background tasks (django-tasks): run by `python manage.py db_worker`."""
from django_tasks import task

from .services import audit_run_execute


@task()
def run_file_audit(run_id: int) -> None:
    audit_run_execute(run_id=run_id)
