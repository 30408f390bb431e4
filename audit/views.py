from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from reports.selectors import report_for_user

from .trail import report_trail


@login_required
def activity(request, agency_code: str, year: int):
    """The report's whole trail, for everyone who may see the report."""
    report = report_for_user(request.user, agency_code=agency_code, year=year)
    if report is None:
        raise Http404
    return render(request, "audit/activity.html", {"report": report, "rows": report_trail(report)})
