"""The government-level report (本级政府年度报告): the agencies' approved or published values, summed.

Values are added cell by cell within one format; the cross-checks then run on the sum,
so a source report that does not balance shows up in the government's findings too.
Scope is a region setting on the government (`Agency.aggregate_scope`):
- own level (本级): the agencies whose nearest government is this one;
- region (本行政区域汇总): every agency below at any depth. Lower people's governments are
  left out: their own report is itself a sum of agencies already counted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyKind, AggregateScope
from reports.data import ReportData
from reports.formats import format_for_year
from reports.interchange import from_json
from reports.models import Report, ReportStatus
from reports.rules import evaluate
from reports.selectors import check_inputs
from reports.services import report_data
from review.models import ReportRevision

from .selectors import region_agencies

SOURCE_STATUSES = (ReportStatus.APPROVED, ReportStatus.PUBLISHED)
# Shown on the build page; the same texts label the Agency fields in the admin.
SCOPE_LABELS = {
    AggregateScope.OWN_LEVEL: _("Own level only (本级)"),
    AggregateScope.REGION: _("Whole administrative region (本行政区域汇总)"),
}
SCOPE_FIELD_LABEL = _("government report scope")
SCOPE_HELP = _("Whose reports the government-level report adds up: the departments of this government, "
               "or every agency of the region including lower levels.")


@dataclass(frozen=True)
class Aggregate:
    government: Agency
    year: int
    sources: list[Report]
    # Reports in scope that are not approved or published yet: listed so nobody mistakes the sum as complete.
    missing: list[Report]
    data: ReportData
    findings: list
    # Under correction: counted with the version published before, which is still the one in force.
    correcting: list[Report] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return len(self.sources) + len(self.correcting)


def scope_agencies(government: Agency) -> QuerySet[Agency]:
    if government.aggregate_scope == AggregateScope.REGION:
        below = government.descendants(include_self=False)
    else:
        below = region_agencies(government).exclude(pk=government.pk)
    return below.exclude(kind=AgencyKind.GOVERNMENT)


def sum_cells(datas: list[ReportData]) -> dict:
    """Cell by cell: a cell filled in any source is the sum of the filled ones; blank everywhere stays blank."""
    totals: dict = {}
    for data in datas:
        for key, value in data.cells.items():
            if value is None:
                continue
            totals[key] = totals.get(key, 0) + value
    return {k: (v if isinstance(v, Decimal) else int(v)) for k, v in totals.items()}


def aggregate(*, government: Agency, year: int) -> Aggregate:
    fmt = format_for_year(year)
    in_scope = Report.objects.filter(agency__in=scope_agencies(government), year=year).select_related("agency")
    sources = [r for r in in_scope.order_by("agency__path") if r.status in SOURCE_STATUSES]
    others = [r for r in in_scope.order_by("agency__path") if r.status not in SOURCE_STATUSES]
    revisions = {
        rv.report_id: rv for rv in ReportRevision.objects.filter(report__in=others, published_at__isnull=True)
    }
    correcting = [r for r in others if r.pk in revisions]
    missing = [r for r in others if r.pk not in revisions]
    own = Report.objects.filter(agency=government, year=year).first()
    base = report_data(own) if own else ReportData(format=fmt, year=year, agency=government.name)
    datas = [report_data(r) for r in sources if r.format_id == fmt.id]
    datas += [from_json(revisions[r.pk].previous)[0] for r in correcting if r.format_id == fmt.id]
    data = ReportData(
        format=fmt, year=year, agency=government.name, title=base.title, signed_on=base.signed_on,
        texts=base.texts, cells=sum_cells(datas),
    )
    inputs = check_inputs(government, year)
    findings = evaluate(data, last_year=inputs.last_year if own else None, facts=inputs.facts)
    return Aggregate(government, year, sources, missing, data, findings, correcting)
