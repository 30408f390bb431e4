"""Year-over-year statistics of public reports: pages with data tables, and the charts as SVG."""
from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..selectors import public_reports, region_agencies, region_sources
from ..statistics import build_charts, chart_keys, chart_svg, charted_years, year_coverage
from .common import region_or_404

# `?years=all` also draws the years not every agency has published yet (marked as such).
EVERY_YEAR = "all"


def _charts(agencies) -> dict:
    reports = public_reports(agencies=agencies, keys=chart_keys(), texts=False)
    if not reports:
        raise Http404
    return {c.key: c for c in build_charts(reports)}


def _region_charts(government, request) -> tuple[dict, list, bool]:
    sources = region_sources(government)
    reports = public_reports(agencies=sources, keys=chart_keys(), texts=False)
    if not reports:
        raise Http404
    coverage = year_coverage(reports, expected=sources.count())
    every_year = request.GET.get("years") == EVERY_YEAR
    years = charted_years(coverage, every_year=every_year)
    charts = {c.key: c for c in build_charts(reports, coverage=coverage, years=years)}
    return charts, [c for c in coverage if c.year not in years], every_year


def region_statistics(request, government_code: str):
    government = region_or_404(government_code)
    charts, left_out, every_year = _region_charts(government, request)
    partial = next(iter(charts.values())).partial
    return render(request, "publication/statistics.html", {
        "region": government, "charts": charts.values(), "left_out": left_out, "partial": partial,
        "every_year": every_year, "chart_query": f"?years={EVERY_YEAR}" if every_year else "",
    })


def _svg(charts: dict, kind: str) -> HttpResponse:
    if kind not in charts:
        raise Http404
    return HttpResponse(chart_svg(charts[kind]), content_type="image/svg+xml; charset=utf-8")


def region_chart(request, government_code: str, kind: str):
    government = region_or_404(government_code)
    return _svg(_region_charts(government, request)[0], kind)


def agency_chart(request, government_code: str, agency_code: str, kind: str):
    found = get_object_or_404(region_agencies(region_or_404(government_code)), code=agency_code)
    return _svg(_charts([found]), kind)
