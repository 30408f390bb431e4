"""A save on the step page leaves the report's stored check counts current: the dashboard has nothing to recount."""
import pytest

from reports.selectors import check_report
from reports.services import report_write
from review.models import ReportCheckSummary
from review.summaries import is_stale
from tests.drafting.conftest import step_url

pytestmark = pytest.mark.django_db


def _counts(report):
    findings = check_report(report, stage="submit")
    return (sum(f.severity == "error" for f in findings), sum(f.severity == "warning" for f in findings))


def _stored(report):
    summary = ReportCheckSummary.objects.get(report=report)
    return summary.version, (summary.errors, summary.warnings)


def test_a_live_save_stores_the_counts_of_the_new_version(editor_client, report):
    response = editor_client.post(step_url(report, "apply", "live/"), {"version": report.version,
                                                                       "apply.new.natural": "5"})
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.version == 2
    assert _stored(report) == (2, _counts(report))


def test_a_live_check_without_change_writes_nothing(editor_client, report):
    editor_client.post(step_url(report, "apply", "live/"), {"version": report.version})
    assert not ReportCheckSummary.objects.filter(report=report).exists()


def test_a_plain_form_save_stores_the_counts_too(editor_client, report):
    report_write(report=report, texts={"text.problems": "已有"})
    response = editor_client.post(step_url(report, "apply"), {"version": report.version, "apply.new.natural": "3"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert not is_stale(report) and _stored(report) == (report.version, _counts(report))
