"""The open government office's dashboard of a region, and its bulk reminder."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.models import Agency, AgencyKind, Role
from audit.models import AuditAction
from audit.services import audit_record
from reports.formats import UnknownFormat, format_for_year
from reports.models import ReportStatus

from .. import notifications
from ..dashboard import dashboard_rows, filter_and_sort
from ..forms import DashboardFilterForm
from ..rollup import lower_governments_of, region_rollups

# The staffing notice names this many agencies at most, then links to the filtered rows.
NAMES_SHOWN = 10
# Agencies listed on one page of the dashboard: a level can hold thousands.
ROWS_PER_PAGE = 200


def _government(request, code: str, year: int) -> Agency:
    try:
        format_for_year(year)
    except UnknownFormat:
        raise Http404 from None  # no national format covers that year: there is nothing to track
    government = get_object_or_404(Agency, code=code, kind=AgencyKind.GOVERNMENT)
    if not request.user.has_perm("review.dashboard", government):
        raise PermissionDenied
    return government


@login_required
def dashboard(request, code: str, year: int):
    government = _government(request, code, year)
    form = DashboardFilterForm(request.GET or None)
    options = form.cleaned_or_defaults()
    today = timezone.localdate()
    # Lower governments are one row of counts each, leading to their own dashboard: the page stays the
    # size of one level whatever the size of the region.
    regions, _covered = region_rollups(government, year, today=today)
    all_rows = dashboard_rows(government, year, today=today, without=[r.region for r in regions])
    rows = filter_and_sort(all_rows, **options)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "review/dashboard.html", {
        "government": government,
        "year": year,
        "form": form,
        "rows": page.object_list,
        "page": page,
        "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "ellipsis": page.paginator.ELLIPSIS,
        "regions": regions,
        "counts_pending": sum(1 for r in all_rows if r.counts_pending),
        "total": len(all_rows) + sum(r.agencies for r in regions),
        "overdue_count": sum(1 for r in all_rows if r.overdue) + sum(r.overdue for r in regions),
        "published_count": sum(1 for r in all_rows if r.status == ReportStatus.PUBLISHED)
        + sum(r.published for r in regions),
        "without_editor": _staffing_notice(all_rows, Role.EDITOR),
        "without_approver": _staffing_notice(all_rows, Role.APPROVER),
        "sort": options["sort"],
        # One reverse for every row's link (the pattern is `<agency_code>/<year>/` below this prefix).
        "report_prefix": reverse("review:report", args=["-", year]).removesuffix(f"-/{year}/"),
    })


def _staffing_notice(rows, role: str) -> dict | None:
    """How many agencies of this level lack `role`, and the first few names (the rest by the filter link)."""
    lacking = [r.agency.name for r in rows if role in r.missing_roles]
    if not lacking:
        return None
    names = "、".join(lacking[:NAMES_SHOWN]) + ("……" if len(lacking) > NAMES_SHOWN else "")
    return {"count": len(lacking), "names": names, "more": len(lacking) > NAMES_SHOWN}


def _names(agencies) -> str:
    return _(", ").join(a.name for a in agencies) or "—"


@login_required
@require_POST
def remind(request, code: str, year: int):
    government = _government(request, code, year)
    wanted = set(request.POST.getlist("agency"))
    rows = [
        r for r in dashboard_rows(government, year, today=timezone.localdate(),
                                  without=lower_governments_of(government))
        if r.remindable and str(r.agency.pk) in wanted
    ]
    result = notifications.deadline_reminders(
        [r.agency for r in rows], year, {r.agency.pk: r.deadline for r in rows}
    )
    for row in rows:
        audit_record(AuditAction.REMINDED, agency=row.agency, report=row.report, request=request, year=year)
    if result.reached or not result.unreached:
        messages.success(request, ngettext(
            "The editors of %(count)d agency were reminded (%(mails)d mails): %(names)s.",
            "The editors of %(count)d agencies were reminded (%(mails)d mails): %(names)s.",
            len(result.reached),
        ) % {"count": len(result.reached), "mails": result.mails, "names": _names(result.reached)})
    if result.unreached:
        messages.warning(request, ngettext(
            "%(count)d agency could not be reminded: it has no editor with an e-mail address (%(names)s). "
            "Ask the site administrator to add one.",
            "%(count)d agencies could not be reminded: they have no editor with an e-mail address (%(names)s). "
            "Ask the site administrator to add one.",
            len(result.unreached),
        ) % {"count": len(result.unreached), "names": _names(result.unreached)})
    return redirect("review:dashboard", government.code, year)
