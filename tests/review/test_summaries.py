"""Check counts: the bulk recount agrees with the checks run one report at a time."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from agencies.deadlines import publication_deadline
from reports.interchange import from_json
from reports.selectors import check_report
from reports.services import report_replace_content
from review.dashboard import dashboard_rows
from review.models import ReportCheckSummary
from review.summaries import summaries_refresh_ids
from tests.factories import AgencyFactory, ReportFactory

pytestmark = pytest.mark.django_db

CASES = sorted((Path(__file__).parent.parent / "fixtures" / "validation").glob("case-*.json"))


def counts(findings):
    return (sum(f.severity == "error" for f in findings), sum(f.severity == "warning" for f in findings))


def test_bulk_recount_matches_check_report(world):
    reports = []
    for i, case in enumerate(CASES[:8]):
        agency = AgencyFactory(parent=world.government)
        data, _ = from_json(json.loads(case.read_text()))
        if i % 2:  # last year's report too, for the cross-year rules
            last = ReportFactory(agency=agency, year=data.year - 1)
            previous, _ = from_json({**json.loads(case.read_text()), "year": data.year - 1})
            report_replace_content(report=last, data=previous)
        report = ReportFactory(agency=agency, year=data.year)
        report_replace_content(report=report, data=data)
        reports.append(report)
    rows = {r.agency.pk: r for r in dashboard_rows(world.government, 2024, today=date(2025, 1, 1))}
    for report in reports:
        expected = counts(check_report(report, stage="submit"))
        assert (rows[report.agency_id].errors, rows[report.agency_id].warnings) == expected
        assert rows[report.agency_id].deadline == publication_deadline(report.agency, report.year)
    assert ReportCheckSummary.objects.count() == len(reports)
    assert any(row.errors for row in rows.values())


def queued_recounts() -> list[list[int]]:
    from django_tasks_db.models import DBTaskResult

    return [r.args_kwargs["args"][0] for r in DBTaskResult.objects.filter(task_path__endswith="recount_check_summaries")]


def test_a_page_recounts_a_bounded_number_and_leaves_the_rest_to_the_background(
        client, world, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    from review.summaries import RECOUNT_INLINE
    from review.tasks import recount_check_summaries

    from .test_dashboard import add_agencies_in_bulk, dashboard_url
    from .test_pages import login

    login(client, world.user("overseer"))
    add_agencies_in_bulk(world, 2 * RECOUNT_INLINE + 50)  # a report for every other agency: none counted
    stale = RECOUNT_INLINE + 25
    with django_capture_on_commit_callbacks(execute=True), django_assert_max_num_queries(20):
        page = client.get(dashboard_url(world)).content.decode()
    assert ReportCheckSummary.objects.count() == RECOUNT_INLINE
    assert "25 个机关的错误和警告数正按其最新修改重新计算" in page
    queued = queued_recounts()
    assert len(queued) == 1 and len(queued[0]) == stale - RECOUNT_INLINE
    recount_check_summaries.func(queued[0])
    assert ReportCheckSummary.objects.count() == stale
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = client.get(dashboard_url(world)).content.decode()
    assert "重新计算" not in page and not callbacks  # nothing left to queue


def test_the_background_recount_agrees_with_check_report_and_skips_what_is_current(world):
    data, _ = from_json(json.loads(CASES[0].read_text()))
    report = ReportFactory(agency=AgencyFactory(parent=world.government), year=data.year)
    report_replace_content(report=report, data=data)
    ReportCheckSummary.objects.filter(report=report).delete()
    assert summaries_refresh_ids([report.pk]) == 1
    summary = ReportCheckSummary.objects.get(report=report)
    assert (summary.errors, summary.warnings) == counts(check_report(report, stage="submit"))
    assert summary.version == report.version
    assert summaries_refresh_ids([report.pk]) == 0
