"""The document as PDF, through WeasyPrint from the standalone HTML."""
from __future__ import annotations

import functools

from .document import Document
from .html import document_html
from .pdf_fonts import compact_fonts

PDF_OPTIONS = {"pdf_tags": True}


@functools.cache
def _font_config():
    # Built once per process: font discovery costs more than a small report's layout.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    # Tagged (structure tree, /MarkInfo, the document title shown by viewers, /Lang from <html lang>):
    # screen readers get headings, paragraphs, and table cells tied to their headers.
    return HTML(string=html).write_pdf(font_config=_font_config(), finisher=compact_fonts, **PDF_OPTIONS)


def document_pdf(document: Document) -> bytes:
    return html_to_pdf(document_html(document))
