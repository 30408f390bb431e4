"""The document as PDF, through WeasyPrint from the standalone HTML."""
from __future__ import annotations

import functools
from collections import defaultdict

from .document import Document, document_continued_at, document_from
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


def _marked(page, attribute: str):
    """(box, value) for each box on a page whose element carries `attribute`, in document order."""
    for box in page._page_box.descendants():
        if box.element is not None and box.element.get(attribute) is not None and box.element_tag != "html":
            yield box, box.element.get(attribute)


def continued_rows(rendered) -> dict[str, set[int]]:
    """Table key -> the body rows that open a page after the table's first page."""
    from weasyprint.formatting_structure.boxes import TableRowBox

    first_rows: dict[str, list[int]] = defaultdict(list)
    for page in rendered.pages:
        seen: set[str] = set()
        for box, value in _marked(page, "data-row"):
            table, _, row = value.partition(":")
            if isinstance(box, TableRowBox) and table not in seen:
                seen.add(table)
                first_rows[table].append(int(row))
    return {table: set(rows[1:]) for table, rows in first_rows.items() if len(rows) > 1}


def _table_rows(page):
    """(row box, table key, body row index) for each table body row on a page."""
    from weasyprint.formatting_structure.boxes import TableRowBox

    for box, value in _marked(page, "data-row"):
        if isinstance(box, TableRowBox):
            table, _, row = value.partition(":")
            yield box, table, int(row)


def _close_cut_labels(page) -> None:
    """Print a label merged across the page end as one cut there is printed: its text centred in the
    part this page shows (the first layout leaves it at the top of the cell it breaks) and a rule
    below it (the border grid has none inside a merged cell)."""
    from weasyprint.formatting_structure.boxes import TableBox

    for table in (box for box in page._page_box.descendants() if isinstance(box, TableBox)):
        groups = [group for group in table.children if not group.is_header and group.children]
        if not groups or not groups[-1].children[-1].element.get("data-row"):
            continue
        header = len(table.children[0].children) if table.children[0].is_header else 0
        last_row = groups[-1].children[-1]
        last = int(last_row.element.get("data-row").partition(":")[2])
        bottom = last_row.position_y + last_row.height
        horizontal = table.collapsed_border_grid[1]
        for row in (row for group in groups for row in group.children):
            first = int(row.element.get("data-row").partition(":")[2])
            for cell in row.children:
                if cell.element_tag != "th" or first + cell.rowspan - 1 <= last:
                    continue
                extra = bottom - (cell.position_y + cell.border_height())
                for child in cell.children if extra > 0 else ():
                    child.translate(dy=extra / 2)
                # The grid line below this page's last row; the first layout's next page is not printed.
                line = horizontal[header + last + 1]
                for column in range(cell.grid_x, cell.grid_x + cell.colspan):
                    line[column] = horizontal[-1][column]


def _laid_out_again(rendered, document: Document, continued: Document):
    """The layout of `continued` (its labels cut where the first layout starts a page inside them): the
    first layout's pages up to the first page where a changed table continues, its cut labels centred;
    from that page on laid out again, starting with the table's first row there."""
    changed = {new.key for old, new in zip(document.tables, continued.tables) if old != new}
    seen: set[str] = set()
    for index, page in enumerate(rendered.pages):
        rows = {table: row for _, table, row in reversed(list(_table_rows(page)))}
        restart = [table for table in rows if table in changed and table in seen]
        seen.update(rows)
        if restart:
            break
    block = next(int(value) for _, value in _marked(page, "data-block"))
    assert continued.blocks[block].key == restart[0], "a continued table opens the page"
    for earlier in rendered.pages[:index]:
        _close_cut_labels(earlier)
    rest = _render(document_html(document_from(continued, block, rows[restart[0]], index + 1)))
    return rendered.copy(rendered.pages[:index] + rest.pages)


def document_laid_out(document: Document):
    """(the document as printed, its layout). Laid out once; when a table continues inside a merged group
    label, that label is cut at the page start so the continuing rows carry it too, and the pages from
    the first page it continues on are laid out again."""
    rendered = _render(document_html(document))
    continued = document_continued_at(document, continued_rows(rendered))
    if continued is not document:
        rendered = _laid_out_again(rendered, document, continued)
    return continued, rendered


def document_pdf(document: Document) -> bytes:
    return layout_pdf(document_laid_out(document)[1])
