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
