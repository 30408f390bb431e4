"""In process, on either database: what a request gets when the database cannot be reached.

test_database_restart.py does it for real against a PostgreSQL server that goes away;
here the connection is refused by a patch, which also lets a failure hit in the middle of a save.
"""
from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connections

from reports.models import Report, ReportChange
from reports.services import report_data
from tests.drafting.conftest import hub_url, step_url

pytestmark = pytest.mark.django_db

MIDDLEWARE = "config.middleware.DatabaseUnavailableMiddleware"
UNAVAILABLE = "暂时无法连接数据库"


@pytest.fixture
def with_middleware(settings):
    if MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]


@contextmanager
def database_unreachable():
    def refuse(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    with mock.patch.object(type(connections["default"]), "ensure_connection", refuse):
        yield


def assert_unavailable(response) -> None:
    assert response.status_code == 503
    page = response.content.decode()
    assert UNAVAILABLE in page and "Traceback" not in page
    assert response["Retry-After"]
    assert response["Cache-Control"] == "no-store"


def test_the_middleware_is_installed(settings):
    assert MIDDLEWARE in settings.MIDDLEWARE


def test_pages_and_saves_answer_503_in_chinese(with_middleware, editor_client, report):
    version = report.version
    with database_unreachable():
        assert_unavailable(editor_client.get(hub_url(report)))
        assert_unavailable(editor_client.post(step_url(report, "apply"), {"version": version,
                                                                           "apply.new.natural": "7"}))
        assert_unavailable(editor_client.get("/accounts/login/"))
    assert editor_client.get(hub_url(report)).status_code == 200
    assert "apply.new.natural" not in report_data(report).cells


def test_a_save_the_database_fails_in_the_middle_of_writes_nothing(with_middleware, editor_client, report):
    """The values are written, then recording the changes fails: the values must go too."""
    editor_client.post(step_url(report, "apply"), {"version": report.version, "apply.new.natural": "3"})
    report.refresh_from_db()
    before = (report.version, report_data(report).cells, ReportChange.objects.filter(report=report).count())
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch.object(ReportChange.objects, "bulk_create", side_effect=lost):
        response = editor_client.post(step_url(report, "apply"), {
            "version": report.version, "apply.new.natural": "8", "apply.new.business": "2"})
    assert_unavailable(response)
    fresh = Report.objects.get(pk=report.pk)
    assert (fresh.version, report_data(fresh).cells, ReportChange.objects.filter(report=report).count()) == before
