"""Background tasks (django-tasks). Run the worker with `python manage.py db_worker`."""
from django_tasks import task

from .batch import batch_export_build


@task()
def build_batch_export(export_id: int) -> None:
    batch_export_build(export_id=export_id)
