"""The document as PDF, through WeasyPrint from the standalone HTML."""
from __future__ import annotations

import functools
from collections import defaultdict

from .document import Document, document_continued_at
from .html import document_html
from .pdf_fonts import compact_fonts

PDF_OPTIONS = {"pdf_tags": True}


@functools.cache
def _font_config():
    # Built once per process: font discovery costs more than a small report's layout.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _render(html: str):
    from weasyprint import HTML

    return HTML(string=html).render(font_config=_font_config())


def layout_pdf(rendered) -> bytes:
    """The PDF of a layout made by document_laid_out or html rendering."""
    # Tagged (structure tree, /MarkInfo, the document title shown by viewers, /Lang from <html lang>):
    # screen readers get headings, paragraphs, and table cells tied to their headers.
    return rendered.write_pdf(finisher=compact_fonts, **PDF_OPTIONS)


def html_to_pdf(html: str) -> bytes:
    return layout_pdf(_render(html))


def continued_rows(rendered) -> dict[str, set[int]]:
    """Table key -> the body rows that open a page after the table's first page."""
    from weasyprint.formatting_structure.boxes import TableRowBox

    first_rows: dict[str, list[int]] = defaultdict(list)
    for page in rendered.pages:
        seen: set[str] = set()
        for box in page._page_box.descendants():
            if not isinstance(box, TableRowBox) or box.element is None or not box.element.get("data-row"):
                continue
            table, _, row = box.element.get("data-row").partition(":")
            if table not in seen:
                seen.add(table)
                first_rows[table].append(int(row))
    return {table: set(rows[1:]) for table, rows in first_rows.items() if len(rows) > 1}


def document_laid_out(document: Document):
    """(the document as printed, its layout). Laid out once; laid out again only when a table continues
    inside a merged group label, with that label cut at the page start so the continuing rows carry it too."""
    rendered = _render(document_html(document))
    continued = document_continued_at(document, continued_rows(rendered))
    if continued is not document:
        rendered = _render(document_html(continued))
    return continued, rendered


def document_pdf(document: Document) -> bytes:
    return layout_pdf(document_laid_out(document)[1])
