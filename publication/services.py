"""Writes of the publication area: the government-level report and its scope setting."""
from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, AggregateScope
from reports.models import Report
from reports.services import ReportLocked, report_get_or_create, report_write
from review.summaries import summary_refresh

from .aggregation import aggregate


class ContentExists(Exception):
    """The government's report already holds values: replacing them needs an explicit yes."""


def _require(by, government: Agency) -> None:
    if not rules.has_perm("publication.build_government_report", by, government):
        raise PermissionDenied(_("Only the open government office of this government may do this."))


def government_scope_set(*, government: Agency, scope: str, by) -> Agency:
    _require(by, government)
    if scope not in AggregateScope.values:
        raise ValueError(scope)
    Agency.objects.filter(pk=government.pk).update(aggregate_scope=scope)
    government.aggregate_scope = scope
    return government


@transaction.atomic
def government_report_build(*, government: Agency, year: int, by, replace: bool = False) -> Report:
    """Write the sum of the agencies' reports into the government's own report for `year`.

    Only a draft is written, and a draft that already has values only with `replace=True`.
    The narrative is left alone: the government writes its own.
    """
    _require(by, government)
    report = report_get_or_create(agency=government, year=year, by=by)
    if report.is_locked:
        raise ReportLocked(_("This report is %(status)s and cannot be changed.") % {
            "status": report.get_status_display()})
    if report.values.exists() and not replace:
        raise ContentExists(_("The government's report already has values."))
    summed = aggregate(government=government, year=year).data.cells
    report = report_write(report=report, by=by, cells={key: summed.get(key) for key in report.format.keys})
    summary_refresh(report)  # the dashboard's counts follow the new content
    return report
