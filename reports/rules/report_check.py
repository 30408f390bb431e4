"""The database side of checking a stored report: load it, last year's, the agency's facts."""
from __future__ import annotations

import calendar
from datetime import date

from agencies.models import Agency
from reports.data import AgencyFacts, ReportData
from reports.models import Report
from reports.services import report_data

from .evaluator import evaluate
from .finding import DRAFT, Finding

# 第四十九条: the people's government itself publishes its report by 3月31日 of the next year.
GOVERNMENT_DEADLINE = (3, 31)


def publication_deadline(agency: Agency, year: int, *, region: Agency | None = None) -> date:
    """The region's deadline in year Y+1 (a day beyond the month's end means its last day).

    A government's own report has at least until 3月31日. Pass `region` when it is already known,
    to save the query that finds it.
    """
    region = region or agency.region()
    month, day = region.deadline_month, region.deadline_day
    if agency.is_government and (month, day) < GOVERNMENT_DEADLINE:
        month, day = GOVERNMENT_DEADLINE
    day = min(day, calendar.monthrange(year + 1, month)[1])
    return date(year + 1, month, day)


def agency_facts(agency: Agency, year: int) -> AgencyFacts:
    return AgencyFacts(
        kind=agency.kind,
        level=agency.level,
        can_make_rules=agency.can_make_rules,
        deadline=publication_deadline(agency, year),
    )


def last_year_data(report: Report) -> ReportData | None:
    last = Report.objects.filter(agency_id=report.agency_id, year=report.year - 1).first()
    if last is None:
        return None
    last.agency = report.agency
    return report_data(last)


def check_report(report: Report, *, stage: str = DRAFT) -> list[Finding]:
    """Every finding on the stored `report` (a constant handful of queries)."""
    if not Report.agency.is_cached(report):
        report = Report.objects.select_related("agency").get(pk=report.pk)
    return evaluate(
        report_data(report),
        last_year=last_year_data(report),
        facts=agency_facts(report.agency, report.year),
        stage=stage,
    )
