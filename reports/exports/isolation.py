"""Rendering an export in the limited process of reports/isolation.py, with the export limits.

A report is bounded by what its editors can type, yet a pathological one (a narrative of hundreds of
thousands of characters, a table made huge) can keep WeasyPrint busy for minutes and take gigabytes.
The web worker only waits: it gets the file, or a refusal in Chinese (ExportRefused) that the views
show. Nothing saved is touched either way: the child only turns a document into bytes.
"""
from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from reports.isolation import Limits, Refused, Wording, run_limited

# Address space the renderer may add to what the fork server maps (WeasyPrint and its fonts loaded).
MEMORY_MB = 1024
CPU_SECONDS = 30
# Below gunicorn's 60 s worker timeout, so the user gets the refusal rather than an error page.
WALL_SECONDS = 40


class ExportRefused(Refused):
    """The report could not be exported within the limits; the message is one line for the user."""


WORDING = Wording(
    error=ExportRefused,
    too_much_memory=lambda: _("Exporting the report needed more memory than allowed (its texts or tables are far "
                              "larger than a report's); nothing was exported and nothing saved was changed."),
    too_slow=lambda: _("Exporting the report took too long (its texts or tables are far larger than a report's); "
                       "nothing was exported and nothing saved was changed."),
    failed=lambda: _("The report could not be exported; nothing saved was changed."),
    what="exporting a report",
)


def limits() -> Limits:
    """The limits, from settings when given there."""
    return Limits(getattr(settings, "EXPORT_MEMORY_MB", MEMORY_MB),
                  getattr(settings, "EXPORT_CPU_SECONDS", CPU_SECONDS),
                  getattr(settings, "EXPORT_WALL_SECONDS", WALL_SECONDS))


def run_export(function, *args, **kwargs):
    """function(*args, **kwargs) (it returns the file's bytes) in a limited child; or ExportRefused."""
    return run_limited(function, *args, limits=limits(), wording=WORDING, **kwargs)


def render_bytes(document, file_format: str) -> bytes:
    """The document as PDF or DOCX, in this process (called in the child, and by batch workers)."""
    from .pdf import document_pdf
    from .word import document_docx

    return document_docx(document) if file_format == "docx" else document_pdf(document)


def document_render(document, file_format: str) -> bytes:
    """The document as PDF or DOCX, rendered in the limited process."""
    return run_export(render_bytes, document, file_format)
