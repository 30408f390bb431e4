"""Year-over-year statistics of public reports: pages with data tables, and the charts as SVG."""
from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..selectors import public_reports, region_agencies
from ..statistics import build_charts, chart_keys, chart_svg
from .common import region_or_404


def _charts(agencies) -> dict:
    reports = public_reports(agencies=agencies, keys=chart_keys(), texts=False)
    if not reports:
        raise Http404
    return {c.key: c for c in build_charts(reports)}


def _region_sources(government):
    # The government's own report is itself the sum of its agencies': adding it would count twice.
    return region_agencies(government).exclude(pk=government.pk)


def region_statistics(request, government_code: str):
    government = region_or_404(government_code)
    charts = _charts(_region_sources(government))
    return render(request, "publication/statistics.html", {"region": government, "charts": charts.values()})


def _svg(charts: dict, kind: str) -> HttpResponse:
    if kind not in charts:
        raise Http404
    return HttpResponse(chart_svg(charts[kind]), content_type="image/svg+xml; charset=utf-8")


def region_chart(request, government_code: str, kind: str):
    government = region_or_404(government_code)
    return _svg(_charts(_region_sources(government)), kind)


def agency_chart(request, government_code: str, agency_code: str, kind: str):
    found = get_object_or_404(region_agencies(region_or_404(government_code)), code=agency_code)
    return _svg(_charts([found]), kind)
