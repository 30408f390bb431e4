"""Reads the views need, as querysets built from a user's roles; what the rules evaluate a stored report with."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from agencies.deadlines import publication_deadline
from agencies.models import Agency
from agencies.roles import roles_of

from .data import AgencyFacts, ReportData
from .models import Report
from .rules import DRAFT, Finding, evaluate
from .services import reports_data


def agencies_visible_to(user) -> QuerySet[Agency]:
    if getattr(user, "is_superuser", False):
        return Agency.objects.all()
    roles = roles_of(user)
    condition = Q(pk__in=roles.agency_ids())
    for path in roles.overseen_paths:
        condition |= Q(path__startswith=path)
    return Agency.objects.filter(condition) if roles.by_agency else Agency.objects.none()


def reports_visible_to(user) -> QuerySet[Report]:
    return Report.objects.filter(agency__in=agencies_visible_to(user)).select_related("agency")


def report_for_user(user, *, agency_code: str, year: int) -> Report | None:
    """The report if it exists and the user may see it; None otherwise (the view answers 404).

    Last year's report comes in the same query (the checks compare with it), and the agency's parent, which
    is the region (its deadline) of most agencies.
    """
    rows = Report.objects.select_related("agency__parent", "updated_by").filter(
        # Two exact lookups, not `in`: Django answers an exact lookup past the column's range (a year typed
        # into the address) with no rows, where `in` hands the number to the database.
        Q(year=year) | Q(year=year - 1), agency__code=agency_code,
    ).order_by()  # picked by year below: the default ordering's join to the agency's name is work for nothing
    by_year = {r.year: r for r in rows}
    report = by_year.get(year)
    if report is None or not user.has_perm("report.view", report):
        return None
    last = by_year.get(year - 1)
    if last is not None:
        last.agency = report.agency
    report._last_year_report = last
    return report


def current_report_year(today: date | None = None) -> int:
    """The year whose report is being written: until the end of March, last year's (today in the site's time zone)."""
    today = today or timezone.localdate()
    return today.year - 1 if today.month <= 3 else today.year


def home_rows(user, current_year: int) -> list[dict]:
    """For each agency the user works in: its reports by year, newest first, and their roles there."""
    from agencies.models import Role

    roles = roles_of(user)
    agencies = list(Agency.objects.filter(pk__in=roles.agency_ids()).order_by("path", "name"))
    reports = Report.objects.filter(agency__in=agencies).order_by("-year")
    by_agency: dict[int, list[Report]] = {}
    for report in reports:
        by_agency.setdefault(report.agency_id, []).append(report)
    rows = []
    for agency in agencies:
        agency_reports = by_agency.get(agency.pk, [])
        for report in agency_reports:
            report.agency = agency
        rows.append(
            {
                "agency": agency,
                "roles": sorted(roles.by_agency[agency.pk]),
                "role_labels": [Role(r).label for r in sorted(roles.by_agency[agency.pk])],
                "reports": agency_reports,
                "can_start": Role.EDITOR in roles.by_agency[agency.pk]
                and not any(r.year == current_year for r in agency_reports),
                "oversees": Role.OVERSEER in roles.by_agency[agency.pk],
            }
        )
    return rows


def agency_facts(agency: Agency, year: int) -> AgencyFacts:
    return AgencyFacts(
        kind=agency.kind,
        level=agency.level,
        can_make_rules=agency.can_make_rules,
        deadline=publication_deadline(agency, year),
    )


@dataclass(frozen=True)
class CheckInputs:
    """What the evaluator reads besides the report itself."""

    last_year: ReportData | None
    facts: AgencyFacts


def check_inputs(agency: Agency, year: int) -> CheckInputs:
    """`agency`'s report of the year before `year` and its facts: the one loader of the evaluator's inputs.

    Whether last year's report is of a format a cross-year rule can read is each rule's own condition.
    """
    return _inputs(agency, year)[1]


def report_with_inputs(report: Report) -> tuple[ReportData, CheckInputs]:
    """The stored report's content and its check inputs, reading its and last year's content together."""
    return _inputs(report.agency, report.year, report=report)


def _last_year_report(agency: Agency, year: int, report: Report | None) -> Report | None:
    if report is not None and "_last_year_report" in report.__dict__:  # read with it (report_for_user)
        return report._last_year_report
    last = Report.objects.filter(agency=agency, year=year - 1).first()
    if last is not None:
        last.agency = agency
    return last


def _inputs(agency: Agency, year: int, *, report: Report | None = None) -> tuple[ReportData | None, CheckInputs]:
    last = _last_year_report(agency, year, report)
    wanted = [r for r in (report, last) if r is not None]
    loaded = dict(zip(wanted, reports_data(wanted), strict=True)) if wanted else {}
    inputs = CheckInputs(last_year=loaded.get(last), facts=agency_facts(agency, year))
    return loaded.get(report), inputs


def check_report(report: Report, *, stage: str = DRAFT) -> list[Finding]:
    """Every finding on the stored `report` (a constant handful of queries)."""
    if not Report.agency.is_cached(report):
        report = Report.objects.select_related("agency__parent").get(pk=report.pk)
    data, inputs = report_with_inputs(report)
    return evaluate(data, last_year=inputs.last_year, facts=inputs.facts, stage=stage)
