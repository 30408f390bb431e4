"""Batch export of a region's year: start it, watch its progress (htmx polling), download the ZIP."""
from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..batch import NothingToExport, batch_export_request
from ..models import BatchExport, ExportStatus
from .common import region_or_404


@require_POST
def start(request, government_code: str, year: int):
    region = region_or_404(government_code)
    try:
        export = batch_export_request(region=region, year=year)
    except NothingToExport:
        raise Http404 from None
    return redirect("publication:batch_status", government_code=region.code, year=year, pk=export.pk)


def _export(government_code: str, year: int, pk: int) -> BatchExport:
    return get_object_or_404(BatchExport.objects.select_related("region"), pk=pk, region__code=government_code, year=year)


def status_page(request, government_code: str, year: int, pk: int):
    export = _export(government_code, year, pk)
    return render(request, "publication/batch.html", {"region": export.region, "year": year, "export": export})


def progress(request, government_code: str, year: int, pk: int):
    export = _export(government_code, year, pk)
    return render(request, "publication/_batch_progress.html", {"export": export})


def download(request, government_code: str, year: int, pk: int):
    export = _export(government_code, year, pk)
    path = Path(export.file_path) if export.file_path else None
    if export.status != ExportStatus.DONE or path is None or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{export.region.code}-{year}.zip",
                        content_type="application/zip")
