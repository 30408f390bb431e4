"""Downloads of public content: a report's PDF, DOCX, JSON and CSV; a region's dataset for a year."""
from __future__ import annotations

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse

from reports.exports.isolation import run_export
from reports.exports.refusals import shows_refusals

from ..files import public_file
from ..opendata import dataset_csv, dataset_json, dataset_xlsx, report_csv, report_json
from ..opendata_pieces import from_pieces
from ..selectors import public_reports, region_agencies
from .common import attachment, public_report_or_404, region_or_404

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_OPTIONS = {"ensure_ascii": False, "indent": 2}


def _report_page(request, government_code: str, agency_code: str, year: int) -> str:
    return reverse("publication:report", args=[government_code, agency_code, year])


def _year_page(request, government_code: str, year: int) -> str:
    return reverse("publication:region_year", args=[government_code, year])


def report_download(file_format: str):
    @shows_refusals(_report_page)
    def download(request, government_code: str, agency_code: str, year: int):
        _region, public = public_report_or_404(government_code, agency_code, year)
        export = public_file(public, file_format)
        return attachment(export.content, export.filename, export.content_type)

    download.__name__ = f"report_{file_format}"
    return download


report_pdf = report_download("pdf")
report_docx = report_download("docx")


def report_json_view(request, government_code: str, agency_code: str, year: int):
    _region, public = public_report_or_404(government_code, agency_code, year)
    return JsonResponse(report_json(public), json_dumps_params=JSON_OPTIONS)


@shows_refusals(_report_page)
def report_csv_view(request, government_code: str, agency_code: str, year: int):
    _region, public = public_report_or_404(government_code, agency_code, year)
    # Open data is written in the limited process too: a pathological report must not hold the worker.
    return attachment(run_export(report_csv, public), f"{public.agency.code}-{year}.csv", CSV)


def _dataset(government_code: str, year: int):
    region = region_or_404(government_code)
    reports = public_reports(agencies=region_agencies(region), year=year, keys=(), texts=False)
    if not reports:
        raise Http404
    return region, from_pieces(reports)


def dataset_json_bytes(region, year: int, reports) -> bytes:
    return json.dumps(dataset_json(region, year, reports), **JSON_OPTIONS).encode()


@shows_refusals(_year_page)
def dataset_json_view(request, government_code: str, year: int):
    region, reports = _dataset(government_code, year)
    return HttpResponse(run_export(dataset_json_bytes, region, year, reports), content_type="application/json")


@shows_refusals(_year_page)
def dataset_csv_view(request, government_code: str, year: int):
    region, reports = _dataset(government_code, year)
    return attachment(run_export(dataset_csv, reports), f"{region.code}-{year}.csv", CSV)


@shows_refusals(_year_page)
def dataset_xlsx_view(request, government_code: str, year: int):
    region, reports = _dataset(government_code, year)
    return attachment(run_export(dataset_xlsx, reports), f"{region.code}-{year}.xlsx", XLSX)
