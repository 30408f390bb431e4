"""Lookups shared by the public views: anything not public is a 404, never a 403."""
from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from agencies.models import Agency

from ..selectors import PublicReport, governments, public_report


def region_or_404(government_code: str) -> Agency:
    return get_object_or_404(governments(), code=government_code)


def public_report_or_404(government_code: str, agency_code: str, year: int) -> tuple[Agency, PublicReport]:
    region = region_or_404(government_code)
    public = public_report(region=region, agency_code=agency_code, year=year)
    if public is None:
        raise Http404
    return region, public


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
