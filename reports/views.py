"""The home page: takes each person to what they can do."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from review.selectors import returned_notices

from .selectors import current_report_year, home_rows


@login_required
def home(request):
    year = current_report_year()
    rows = home_rows(request.user, year)
    returns = returned_notices([report for row in rows for report in row["reports"]])
    for row in rows:
        for report in row["reports"]:
            report.returned = returns.get(report.pk)
    return render(request, "agencies/home.html", {"rows": rows, "current_year": year})
