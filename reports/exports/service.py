"""One entry point for every export of a stored report: views, the command and the benchmark use it."""
from __future__ import annotations

import json
from dataclasses import dataclass

from reports.interchange import to_json
from reports.models import Report, ReportStatus
from reports.services import report_data

from . import cache
from .document import Document, document_build
from .html import document_html
from .isolation import document_render

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}
FILE_FORMATS = tuple(CONTENT_TYPES)


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str


def is_draft(report: Report) -> bool:
    """Anything not yet published carries the 草稿 watermark."""
    return report.status != ReportStatus.PUBLISHED


def precise_fee_header(report: Report) -> bool:
    return bool(report.agency.region().fee_header_precise)


def report_document(report: Report, *, precise_fee: bool | None = None) -> Document:
    if precise_fee is None:
        precise_fee = precise_fee_header(report)
    return document_build(report_data(report), draft=is_draft(report), fee_header_precise=precise_fee)


def _render(report: Report, file_format: str, precise_fee: bool) -> bytes:
    if file_format == "json":
        return json.dumps(to_json(report_data(report)), ensure_ascii=False, indent=2).encode()
    document = report_document(report, precise_fee=precise_fee)
    if file_format == "html":
        return document_html(document).encode()
    # PDF and DOCX in a limited process: a pathological report must not hold the web worker.
    return document_render(document, file_format)


def report_export(report: Report, file_format: str) -> ExportFile:
    """The report as `file_format`, from the cache when this version was exported before.

    Raises ExportRefused (its message in Chinese) when rendering passes the export limits."""
    if file_format not in CONTENT_TYPES:
        raise ValueError(file_format)
    precise_fee = precise_fee_header(report)
    path = cache.cache_path(
        report_id=report.pk,
        version=report.version,
        file_format=file_format,
        precise_fee=precise_fee,
        draft=is_draft(report),
        stamp=cache.report_stamp(report),
    )
    content = cache.cached(path, lambda: _render(report, file_format, precise_fee))
    return ExportFile(content, f"{report.display_title}.{file_format}", CONTENT_TYPES[file_format])
