"""Pages of the 政务公开办: the quality audit of a region's reports (stored ones, or uploaded files),
and the comparisons. Each view asks the same permission as the region's dashboard."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from agencies.models import Agency, AgencyKind
from reports.formats import UnknownFormat, format_for_year
from reports.importers.uploads import limit_upload_size
from reports.models import Report
from reports.services import report_data

from . import compare
from .audit import AuditRow, audit_stored, rule_summary
from .forms import AuditFilterForm, AuditUploadForm, RegionCompareForm
from .models import AuditRun
from .regions import region_table
from .services import audit_run_start
from .xlsx import audit_workbook, region_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _region(request, code: str, year: int) -> Agency:
    try:
        format_for_year(year)
    except UnknownFormat:
        raise Http404 from None
    region = get_object_or_404(Agency, code=code, kind=AgencyKind.GOVERNMENT)
    if not request.user.has_perm("review.dashboard", region):
        raise PermissionDenied
    return region


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _audit_page(request, *, region, year, rows: list[AuditRow], run: AuditRun | None = None):
    form = AuditFilterForm(request.GET or None, rules=sorted({f.rule for r in rows for f in r.findings}))
    shown = form.apply(rows)
    return render(request, "quality/audit.html", {
        "region": region, "year": year, "run": run, "form": form, "rows": shown, "total": len(rows),
        "summary": rule_summary(rows), "failing": sum(1 for r in rows if r.findings or r.error),
    })


@login_required
def audit(request, code: str, year: int):
    region = _region(request, code, year)
    return _audit_page(request, region=region, year=year, rows=audit_stored(region=region, year=year))


@login_required
def audit_xlsx(request, code: str, year: int):
    region = _region(request, code, year)
    return _xlsx(audit_workbook(audit_stored(region=region, year=year)), f"quality-{region.code}-{year}.xlsx")


@login_required
def audit_report(request, code: str, year: int, agency_code: str):
    region = _region(request, code, year)
    rows = audit_stored(region=region, year=year, agency_code=agency_code)
    if not rows:
        raise Http404
    row = rows[0]
    return render(request, "quality/report.html", {"region": region, "year": year, "row": row})


@csrf_exempt  # the CSRF check reads the body: it runs in _files, once the size limit is in place
@login_required
@require_http_methods(["GET", "POST"])
def files(request, code: str, year: int):
    return _files(request, code, year, limit_upload_size(request))


@csrf_protect
def _files(request, code: str, year: int, limit):
    region = _region(request, code, year)
    if request.method == "POST":
        form = AuditUploadForm(request.POST, request.FILES)
        if limit.exceeded:
            form.add_error(None, _("A file is larger than the upload limit; split the archive into smaller ones."))
        elif form.is_valid():
            run = audit_run_start(region=region, year=year, files=form.cleaned_data["files"], by=request.user)
            return redirect("quality:run", code=region.code, year=year, pk=run.pk)
    else:
        form = AuditUploadForm()
    runs = AuditRun.objects.filter(region=region, year=year)[:10]
    return render(request, "quality/files.html", {"region": region, "year": year, "form": form, "runs": runs})


def _run(request, code: str, year: int, pk: int) -> tuple[Agency, AuditRun]:
    region = _region(request, code, year)
    return region, get_object_or_404(AuditRun, pk=pk, region=region, year=year)


def _run_rows(run: AuditRun) -> list[AuditRow]:
    return [AuditRow.from_record(record) for record in run.rows]


@login_required
def run(request, code: str, year: int, pk: int):
    region, found = _run(request, code, year, pk)
    if not found.is_finished:
        return render(request, "quality/run.html", {"region": region, "year": year, "run": found})
    return _audit_page(request, region=region, year=year, rows=_run_rows(found), run=found)


@login_required
def run_progress(request, code: str, year: int, pk: int):
    region, found = _run(request, code, year, pk)
    return render(request, "quality/_progress.html", {"region": region, "year": year, "run": found})


@login_required
def run_xlsx(request, code: str, year: int, pk: int):
    region, found = _run(request, code, year, pk)
    if not found.is_finished:
        raise Http404
    return _xlsx(audit_workbook(_run_rows(found)), f"quality-{region.code}-{year}-files-{found.pk}.xlsx")


@login_required
def run_report(request, code: str, year: int, pk: int, number: int):
    region, found = _run(request, code, year, pk)
    rows = _run_rows(found)
    if not 1 <= number <= len(rows):
        raise Http404
    return render(request, "quality/report.html", {"region": region, "year": year, "row": rows[number - 1],
                                                   "run": found})


@login_required
def regions(request, code: str, year: int):
    region = _region(request, code, year)
    form = RegionCompareForm(request.GET or None, fmt=format_for_year(year))
    table = region_table(region=region, year=year, **form.options())
    return render(request, "quality/regions.html", {"region": region, "year": year, "form": form, "table": table})


@login_required
def regions_xlsx(request, code: str, year: int):
    region = _region(request, code, year)
    form = RegionCompareForm(request.GET or None, fmt=format_for_year(year))
    table = region_table(region=region, year=year, **form.options())
    return _xlsx(region_workbook(table), f"compare-{region.code}-{year}.xlsx")


@login_required
def agency_years(request, agency_code: str, year: int):
    """One agency's report beside another year's (by default the year before)."""
    agency = get_object_or_404(Agency, code=agency_code)
    try:
        other_year = int(request.GET.get("with", year - 1))
    except ValueError:
        other_year = year - 1
    reports = {r.year: r for r in Report.objects.filter(agency=agency, year__in=(year, other_year))}
    this = reports.get(year)
    if this is None or not request.user.has_perm("report.view", this):
        raise Http404
    other = reports.get(other_year)
    if other is not None and not request.user.has_perm("report.view", other):
        other = None
    years = sorted(Report.objects.filter(agency=agency).exclude(year=year).values_list("year", flat=True))
    context = {"agency": agency, "year": year, "other_year": other_year, "other": other, "years": years,
               "changed_only": request.GET.get("changed") == "1"}
    if other is not None:
        before, after = sorted((report_data(this), report_data(other)), key=lambda d: d.year)
        context.update(
            before=before, after=after,
            tables=compare.table_changes(before, after),
            texts=compare.text_changes(before, after),
            similarity=compare.overall_similarity(before, after),
        )
    return render(request, "quality/agency_years.html", context)
