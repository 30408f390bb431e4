"""The government-level report: preview of the sum with its cross-checks, then build it into the draft."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.deadlines import publication_deadline
from reports.exports.document import document_build
from reports.formats import UnknownFormat, format_for_year
from reports.models import Report
from reports.services import ReportLocked

from ..aggregation import SCOPE_LABELS, aggregate
from ..forms import BuildForm, ScopeForm
from ..selectors import governments
from ..services import ContentExists, government_report_build, government_scope_set


@login_required
def build(request, code: str, year: int):
    government = get_object_or_404(governments(), code=code)
    if not request.user.has_perm("publication.build_government_report", government):
        raise Http404
    try:
        format_for_year(year)
    except UnknownFormat:
        raise Http404 from None
    if request.method == "POST":
        if request.POST.get("action") == "scope":
            form = ScopeForm(request.POST)
            if form.is_valid():
                government_scope_set(government=government, scope=form.cleaned_data["scope"], by=request.user)
                messages.success(request, _("The scope was changed."))
        else:
            form = BuildForm(request.POST)
            if form.is_valid():
                try:
                    government_report_build(government=government, year=year, by=request.user,
                                            replace=form.cleaned_data["replace"])
                    messages.success(request, _("The sum was written into the government's report as a draft."))
                except ContentExists:
                    messages.warning(request, _("The government's report already has values: tick “replace” "
                                                "to overwrite them with the sum."))
                except ReportLocked as exc:
                    messages.error(request, str(exc))
        return redirect("publication:government_report", code=code, year=year)
    result = aggregate(government=government, year=year)
    own = Report.objects.filter(agency=government, year=year).first()
    return render(request, "publication/government_report.html", {
        "government": government,
        "year": year,
        "result": result,
        "own": own,
        "own_has_values": bool(own and own.values.exists()),
        "scope_label": SCOPE_LABELS[government.aggregate_scope],
        "deadline": publication_deadline(government, year),
        "scope_form": ScopeForm(initial={"scope": government.aggregate_scope}),
        "build_form": BuildForm(),
        "document": document_build(result.data, draft=True),
    })
