"""What every review view starts with: the report, if the person may see it."""
from __future__ import annotations

from django.http import Http404

from reports.models import Report
from reports.selectors import report_for_user


def visible_report(request, agency_code: str, year: int) -> Report:
    """The report, or 404 for a report that does not exist or that the person may not see."""
    report = report_for_user(request.user, agency_code=agency_code, year=year)
    if report is None:
        raise Http404
    return report
