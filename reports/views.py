"""The home page: takes each person to what they can do."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import current_report_year, home_rows


@login_required
def home(request):
    year = current_report_year()
    return render(request, "agencies/home.html", {"rows": home_rows(request.user, year), "current_year": year})
