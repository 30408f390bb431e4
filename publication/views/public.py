"""Public pages, no login: regions, an agency's reports by year, and each published report."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from reports.exports.document import document_build
from reports.exports.service import precise_fee_header

from ..files import public_document
from ..selectors import (
    earlier_version,
    governments,
    lower_regions,
    public_reports,
    public_years,
    published_corrections,
    region_agencies,
    region_sources,
)
from ..statistics import build_charts, chart_keys, year_coverage
from .common import public_report_or_404, region_or_404


def index(request):
    regions = [g for g in governments().order_by("path", "name") if public_years(agencies=region_agencies(g))]
    return render(request, "publication/index.html", {"regions": regions})


def region(request, government_code: str):
    government = region_or_404(government_code)
    reports = public_reports(agencies=region_agencies(government), keys=(), texts=False)
    if not reports:
        raise Http404
    years = sorted({p.year for p in reports}, reverse=True)
    by_agency: dict[int, dict] = {}
    for public in reports:
        by_agency.setdefault(public.agency.pk, {"agency": public.agency, "years": {}})["years"][public.year] = public
    rows = [{"agency": r["agency"], "cells": [r["years"].get(y) for y in years]} for r in by_agency.values()]
    incomplete = _incomplete_years(government, reports)
    return render(request, "publication/region.html", {
        "region": government, "years": years, "rows": rows, "lower_regions": lower_regions(government),
        "year_links": [(y, incomplete.get(y)) for y in years],
    })


def _incomplete_years(government, reports) -> dict:
    """Year -> "已发布 1/9" for the years not every agency of the region has published yet."""
    sources = [p for p in reports if p.agency.pk != government.pk]
    coverage = year_coverage(sources, expected=region_sources(government).count())
    return {c.year: c.note for c in coverage if not c.complete}


def region_year(request, government_code: str, year: int):
    government = region_or_404(government_code)
    reports = public_reports(agencies=region_agencies(government), year=year, keys=(), texts=False)
    if not reports:
        raise Http404
    return render(request, "publication/region_year.html", {
        "region": government, "year": year, "reports": reports,
        "incomplete": _incomplete_years(government, reports).get(year),
    })


def agency(request, government_code: str, agency_code: str):
    government = region_or_404(government_code)
    found = get_object_or_404(region_agencies(government), code=agency_code)
    reports = public_reports(agencies=[found], keys=chart_keys(), texts=False)
    if not reports:
        raise Http404
    return render(request, "publication/agency.html", {
        "region": government, "agency": found, "reports": reports[::-1], "charts": build_charts(reports),
    })


def report(request, government_code: str, agency_code: str, year: int):
    government, public = public_report_or_404(government_code, agency_code, year)
    return render(request, "publication/report.html", {
        "region": government,
        "public": public,
        "document": public_document(public),
        "corrections": published_corrections(public.report),
    })


def earlier(request, government_code: str, agency_code: str, year: int, number: int):
    """The content as it was published before correction `number`."""
    government, public = public_report_or_404(government_code, agency_code, year)
    data = earlier_version(public.report, number)
    if data is None:
        raise Http404
    return render(request, "publication/earlier.html", {
        "region": government,
        "public": public,
        "correction": published_corrections(public.report).get(number=number),
        "document": document_build(data, draft=False, fee_header_precise=precise_fee_header(public.report)),
    })
