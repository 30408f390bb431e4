"""从已发布年报导入: upload a published report, look at what was read, confirm, write the draft."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from agencies.models import Agency, Role
from agencies.roles import roles_of
from reports.formats import UnknownFormat, format_for_year
from reports.interchange import InterchangeError, from_json
from reports.models import Report
from reports.services import ReportLocked

from .forms import ConfirmForm, UploadForm
from .isolation import run_isolated
from .models import ScanImport, ScanStatus
from .presenters import preview_context
from .reading import needs_recognition
from .result import ImportRejected, ImportResult, Issue
from .scans import scan_import_request
from .services import import_findings, import_parse, import_write, report_has_content
from .uploads import limit_upload_size


def _target(request, agency_code: str, year: int) -> tuple[Agency, Report | None]:
    """The agency and its report for the year, when the user may import into it; 404 or 403 otherwise."""
    try:
        format_for_year(year)
    except UnknownFormat:
        raise Http404 from None
    agency = get_object_or_404(Agency, code=agency_code)
    report = Report.objects.filter(agency=agency, year=year).first()
    is_editor = roles_of(request.user).has(agency, Role.EDITOR)
    if report is not None:
        if report.is_locked and (is_editor or request.user.is_superuser):
            raise PermissionDenied(_("The report is %(status)s: nothing can be imported into it.")
                                   % {"status": report.get_status_display()})
        if request.user.has_perm("report.edit", report):
            return agency, report
        raise Http404
    if not (is_editor or request.user.is_superuser):
        raise Http404
    return agency, None


def _session_key(agency: Agency, year: int) -> str:
    return f"importers:{agency.pk}:{year}"


def _render(request, agency, year, report, *, form=None, result=None, confirm_form=None, status=200):
    must_replace = report is not None and report_has_content(report)
    context = {
        "agency": agency,
        "year": year,
        "report": report,
        "form": form or UploadForm(),
        "must_replace": must_replace,
        "confirm_form": confirm_form or ConfirmForm(must_replace=must_replace),
    }
    if result is not None:
        context.update(preview_context(result))
    return render(request, "importers/upload.html", context, status=status)


@login_required
@csrf_exempt  # the CSRF check reads the body: it runs in _upload, once the size limit is in place
@require_http_methods(["GET", "POST"])
def upload(request, agency_code: str, year: int):
    size_limit = limit_upload_size(request)
    return _upload(request, agency_code, year, size_limit)


@csrf_protect
def _upload(request, agency_code: str, year: int, size_limit):
    agency, report = _target(request, agency_code, year)
    if request.method == "GET":
        return _render(request, agency, year, report)
    form = UploadForm(request.POST, request.FILES, too_large=size_limit.exceeded)
    if not form.is_valid():
        return _render(request, agency, year, report, form=form, status=400)
    upload_file = form.cleaned_data["file"]
    content = upload_file.read()
    try:
        # Telling a scan from a text PDF parses the PDF: in the limited process, like any reading.
        if run_isolated(needs_recognition, content):
            scan = scan_import_request(agency=agency, year=year, user=request.user, source=upload_file.name,
                                       content=content)
            return redirect("importers:scan", agency_code=agency.code, year=year, pk=scan.pk)
        result = import_parse(content, source=upload_file.name, agency=agency, fallback_year=year)
        if result.data.year != year:
            raise ImportRejected(_("This is the report of %(found)s, not of %(year)s.")
                                 % {"found": result.data.year, "year": year})
    except ImportRejected as exc:
        form.add_error("file", str(exc))
        return _render(request, agency, year, report, form=form, status=400)
    request.session[_session_key(agency, year)] = result.to_json(findings=False)
    return _render(request, agency, year, report, result=result)


def _stored_result(request, agency: Agency, year: int) -> ImportResult | None:
    doc = request.session.get(_session_key(agency, year))
    if not doc:
        return None
    try:
        data, _problems = from_json(doc)
    except InterchangeError:
        return None
    result = ImportResult(
        data=data,
        source=doc.get("source", ""),
        unmapped=[Issue(i["source"], i["message"], tuple(i.get("keys", ()))) for i in doc.get("unmapped", [])],
        warnings=[Issue(i["source"], i["message"], tuple(i.get("keys", ()))) for i in doc.get("warnings", [])],
    )
    result.findings = import_findings(result, agency)
    return result


@login_required
@require_POST
def confirm(request, agency_code: str, year: int):
    agency, report = _target(request, agency_code, year)
    result = _stored_result(request, agency, year)
    if result is None:
        messages.error(request, _("Nothing to import: upload the report again."))
        return redirect("importers:upload", agency_code=agency.code, year=year)
    must_replace = report is not None and report_has_content(report)
    confirm_form = ConfirmForm(request.POST, must_replace=must_replace)
    if not confirm_form.is_valid():
        return _render(request, agency, year, report, result=result, confirm_form=confirm_form, status=400)
    try:
        import_write(agency=agency, result=result, by=request.user, replace=True)
    except (ImportRejected, ReportLocked) as exc:
        messages.error(request, str(exc))
        return redirect("importers:upload", agency_code=agency.code, year=year)
    del request.session[_session_key(agency, year)]
    messages.success(request, _("The report was imported into the draft."))
    return redirect(reverse("drafting:hub", kwargs={"agency_code": agency.code, "year": year}))


def _scan(request, agency_code: str, year: int, pk: int):
    """The agency, its report and the scan, when the user may import into it and uploaded the scan."""
    agency, report = _target(request, agency_code, year)
    scan = get_object_or_404(ScanImport, pk=pk, agency=agency, year=year, created_by=request.user)
    return agency, report, scan


@login_required
@require_GET
def scan_status(request, agency_code: str, year: int, pk: int):
    """While recognising: the progress; once done: what was read, to confirm as for any other file."""
    agency, report, scan = _scan(request, agency_code, year, pk)
    if scan.status == ScanStatus.DONE:
        request.session[_session_key(agency, year)] = scan.result
        return _render(request, agency, year, report, result=_stored_result(request, agency, year))
    if scan.status == ScanStatus.FAILED:
        messages.error(request, scan.error)
        return _render(request, agency, year, report)
    return render(request, "importers/scan.html", {"agency": agency, "year": year, "scan": scan})


@login_required
@require_GET
def scan_progress(request, agency_code: str, year: int, pk: int):
    agency, _report, scan = _scan(request, agency_code, year, pk)
    if scan.is_finished and request.htmx:
        return HttpResponseClientRedirect(reverse("importers:scan", args=[agency.code, year, scan.pk]))
    return render(request, "importers/_scan_progress.html", {"agency": agency, "year": year, "scan": scan})
