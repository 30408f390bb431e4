"""Background tasks (django-tasks). Run workers with `python manage.py db_worker`, as many as wanted."""
from django_tasks import task

from .batch import batch_export_assemble, batch_export_plan, export_part_render


@task()
def build_batch_export(export_id: int) -> None:
    """Splits the export into the two tasks below."""
    batch_export_plan(export_id=export_id)


@task()
def render_export_part(part_id: int) -> None:
    export_part_render(part_id=part_id)


@task()
def assemble_batch_export(export_id: int) -> None:
    batch_export_assemble(export_id=export_id)
