"""The home page: takes each person to what they can do."""
from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from reports.selectors import home_rows
from review.selectors import returned_notices


def current_report_year(today: date | None = None) -> int:
    """The year whose report is being written: until the end of March, last year's."""
    today = today or date.today()
    return today.year - 1 if today.month <= 3 else today.year


@login_required
def home(request):
    year = current_report_year()
    rows = home_rows(request.user, year)
    returns = returned_notices([report for row in rows for report in row["reports"]])
    for row in rows:
        for report in row["reports"]:
            report.returned = returns.get(report.pk)
    return render(request, "agencies/home.html", {"rows": rows, "current_year": year})
