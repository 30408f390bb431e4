"""A public report as HTML, PDF and DOCX, through the export renderers and their cache.

The current published version goes through the export service itself; the content a
correction replaces is rendered from its stored copy, under the cache key of the version
it was published as, so both are built once and never carry the 草稿 watermark.
"""
from __future__ import annotations

from pathlib import Path

from reports.exports import cache
from reports.exports.document import Document, document_build
from reports.exports.isolation import document_render, render_bytes
from reports.exports.service import CONTENT_TYPES, ExportFile, precise_fee_header, report_export

from .selectors import PublicReport

BINARY_FORMATS = ("pdf", "docx")


def public_document(public: PublicReport, *, precise_fee: bool | None = None) -> Document:
    if precise_fee is None:
        precise_fee = precise_fee_header(public.report)
    return document_build(public.data, draft=False, fee_header_precise=precise_fee)


def cache_file(public: PublicReport, file_format: str, *, precise_fee: bool) -> Path:
    return cache.cache_path(
        report_id=public.report.pk, version=public.version, file_format=file_format,
        precise_fee=precise_fee, draft=False, stamp=cache.report_stamp(public.report),
    )


def render_document(document: Document, file_format: str) -> bytes:
    """The document as PDF or DOCX in this process (a batch export's workers, in the background)."""
    return render_bytes(document, file_format)


def render_to_cache(document: Document, path: Path, file_format: str) -> None:
    """Render into the cache unless already there (runs in worker processes of a batch export, in
    the background: the limited process is for what a web worker waits on)."""
    if not path.exists():
        cache.cached(path, lambda: render_document(document, file_format))


def public_file(public: PublicReport, file_format: str, *, precise_fee: bool | None = None) -> ExportFile:
    if file_format not in BINARY_FORMATS:
        raise ValueError(file_format)
    if not public.correcting:
        return report_export(public.report, file_format)
    if precise_fee is None:
        precise_fee = precise_fee_header(public.report)
    content = cache.cached(
        cache_file(public, file_format, precise_fee=precise_fee),
        lambda: document_render(public_document(public, precise_fee=precise_fee), file_format),
    )
    return ExportFile(content, f"{public.data.display_title}.{file_format}", CONTENT_TYPES[file_format])
