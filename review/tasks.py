"""Background tasks of the review app (django-tasks): run by `python manage.py db_worker`."""
from django_tasks import task

from .summaries import summaries_refresh_ids


@task()
def recount_check_summaries(report_ids: list[int]) -> None:
    summaries_refresh_ids(report_ids)
