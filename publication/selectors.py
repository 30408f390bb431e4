"""What the public may see: published reports, and while a correction is under way the content it corrects.

Nothing else is ever public: drafts, submitted and approved reports, and a correction
until it is published. Every public view and every open-data file reads through here.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet

from agencies.models import Agency, AgencyKind
from reports.data import ReportData
from reports.interchange import from_json
from reports.models import VALUE_COLUMNS, Report, ReportStatus, ReportText, ReportValue, stored_value
from reports.services import report_data
from review.models import ReportRevision


@dataclass(frozen=True)
class PublicReport:
    report: Report
    data: ReportData
    # The content version the public sees (the export cache is keyed by it).
    version: int
    # A correction is under way: `data` is the published content it corrects.
    correcting: bool = False

    @property
    def agency(self) -> Agency:
        return self.report.agency

    @property
    def year(self) -> int:
        return self.report.year


def governments() -> QuerySet[Agency]:
    return Agency.objects.filter(kind=AgencyKind.GOVERNMENT)


def region_agencies(region: Agency) -> QuerySet[Agency]:
    """The government and the agencies whose nearest government it is (not those of lower governments)."""
    lower = governments().filter(path__startswith=region.path).exclude(pk=region.pk).values_list("path", flat=True)
    exclude = Q()
    for path in lower:
        exclude |= Q(path__startswith=path)
    return region.descendants().exclude(exclude) if lower else region.descendants()


def region_sources(region: Agency) -> QuerySet[Agency]:
    """The agencies whose reports a region's figures add up, and which are expected to publish each year.

    The government's own report is itself the sum of its agencies': counting it would count twice."""
    return region_agencies(region).exclude(pk=region.pk)


def lower_regions(region: Agency) -> list[Agency]:
    """Governments directly below `region`; each has its own public pages."""
    found = list(governments().filter(path__startswith=region.path).exclude(pk=region.pk).order_by("path"))
    paths = [g.path for g in found]
    return [g for g in found if not any(g.path != p and g.path.startswith(p) for p in paths)]


def _visible(reports: QuerySet[Report]) -> QuerySet[Report]:
    correcting = ReportRevision.objects.filter(published_at__isnull=True).values("report_id")
    return reports.filter(Q(status=ReportStatus.PUBLISHED) | Q(pk__in=correcting))


def _public(report: Report) -> PublicReport | None:
    if report.status == ReportStatus.PUBLISHED:
        return PublicReport(report, report_data(report), report.version)
    revision = ReportRevision.objects.filter(report=report, published_at__isnull=True).first()
    if revision is None:
        return None
    data, _problems = from_json(revision.previous)
    return PublicReport(report, data, revision.previous_version, correcting=True)


def _stored_content(reports: list[Report], keys, texts: bool) -> tuple[dict, dict]:
    """Cells and texts of many published reports in two queries (`keys=None`: every cell)."""
    cells: dict[int, dict] = defaultdict(dict)
    values = ReportValue.objects.filter(report__in=reports)
    if keys is not None:
        values = values.filter(key__in=list(keys))
    for report_id, key, *value in values.values_list("report_id", "key", *VALUE_COLUMNS):
        cells[report_id][key] = stored_value(*value)
    bodies: dict[int, dict] = defaultdict(dict)
    if texts:
        for report_id, key, body in ReportText.objects.filter(report__in=reports).values_list("report_id", "key", "body"):
            bodies[report_id][key] = body
    return cells, bodies


def _published_data(report: Report, cells: dict, bodies: dict) -> ReportData:
    fmt = report.format
    return ReportData(
        format=fmt, year=report.year, agency=report.agency.name, title=report.title,
        signed_on=report.signed_on, texts=bodies[report.pk],
        cells={k: v for k, v in cells[report.pk].items() if k in fmt.field_map},
    )


def with_content(found: list[PublicReport]) -> list[PublicReport]:
    """`found` (listed without cells or texts) with all their content, in two queries."""
    published = [p.report for p in found if not p.correcting]
    cells, bodies = _stored_content(published, None, True)
    # A correction's published content is read whole from its revision already.
    return [p if p.correcting else replace(p, data=_published_data(p.report, cells, bodies)) for p in found]


def public_reports(*, agencies, year: int | None = None, keys=None, texts: bool = True) -> list[PublicReport]:
    """The public content of the reports of `agencies` (of one year, or every year), by agency then year.

    A constant number of queries however many reports: statistics ask only for the `keys`
    they draw and no texts; listings ask for no cells (`keys=()`).
    """
    reports = Report.objects.filter(agency__in=agencies).select_related("agency")
    if year is not None:
        reports = reports.filter(year=year)
    reports = list(_visible(reports).order_by("agency__path", "agency__name", "year"))
    published = [r for r in reports if r.status == ReportStatus.PUBLISHED]
    correcting = [r.pk for r in reports if r.status != ReportStatus.PUBLISHED]
    revisions = {
        rv.report_id: rv
        for rv in ReportRevision.objects.filter(report__in=correcting, published_at__isnull=True)
    }
    cells, bodies = _stored_content(published, keys, texts)
    found = []
    for report in reports:
        if report.status == ReportStatus.PUBLISHED:
            found.append(PublicReport(report, _published_data(report, cells, bodies), report.version))
        elif report.pk in revisions:
            revision = revisions[report.pk]
            data, _problems = from_json(revision.previous)
            found.append(PublicReport(report, data, revision.previous_version, correcting=True))
    return found


def public_report(*, region: Agency, agency_code: str, year: int) -> PublicReport | None:
    report = (
        Report.objects.select_related("agency")
        .filter(agency__code=agency_code, year=year, agency__in=region_agencies(region))
        .first()
    )
    return _public(report) if report is not None else None


def public_years(*, agencies) -> list[int]:
    """Years with at least one public report, newest first."""
    reports = _visible(Report.objects.filter(agency__in=agencies))
    return sorted(set(reports.values_list("year", flat=True)), reverse=True)


def published_corrections(report: Report) -> QuerySet[ReportRevision]:
    """Corrections the public may read about: published ones, each with its 更正说明."""
    return ReportRevision.objects.filter(report=report, published_at__isnull=False).order_by("number")


def earlier_version(report: Report, number: int) -> ReportData | None:
    """The content published before correction `number` (only once that correction is published)."""
    revision = published_corrections(report).filter(number=number).first()
    if revision is None:
        return None
    data, _problems = from_json(revision.previous)
    return data
