"""Preview and downloads of one report: thin views over the export service."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header

from audit.models import AuditAction
from audit.services import audit_record
from reports.selectors import report_for_user

from .refusals import shows_refusals
from .service import report_document, report_export


def _exportable_report(request, agency_code: str, year: int):
    report = report_for_user(request.user, agency_code=agency_code, year=year)
    if report is None:
        raise Http404
    if not request.user.has_perm("report.export", report):
        raise PermissionDenied
    return report


@login_required
def preview(request, agency_code: str, year: int):
    report = _exportable_report(request, agency_code, year)
    audit_record(AuditAction.EXPORTED, report=report, request=request, format="preview")
    return render(request, "exports/preview.html", {"report": report, "document": report_document(report)})


def _preview_url(request, agency_code: str, year: int) -> str:
    return reverse("exports:preview", args=[agency_code, year])


def _download(file_format: str):
    @login_required
    @shows_refusals(_preview_url)
    def download(request, agency_code: str, year: int):
        report = _exportable_report(request, agency_code, year)
        export = report_export(report, file_format)
        audit_record(AuditAction.EXPORTED, report=report, request=request, format=file_format)
        response = HttpResponse(export.content, content_type=export.content_type)
        response["Content-Disposition"] = content_disposition_header(True, export.filename)
        return response

    download.__name__ = f"download_{file_format}"
    return download


download_pdf = _download("pdf")
download_docx = _download("docx")
download_json = _download("json")
