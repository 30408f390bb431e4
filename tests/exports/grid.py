"""What a format grid should look like once printed: expected rows for PDF and DOCX checks."""
from __future__ import annotations

import re

from reports.exports.document import TableBlock


def squeeze(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def printed_rows(block: TableBlock) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each grid row as the non-empty texts of the cells that start in it, left to right; and the same
    without cells merged down several rows (a reader cannot box one that a page break cuts open)."""
    return [
        (
            tuple(squeeze(c.text) for c in row if squeeze(c.text)),
            tuple(squeeze(c.text) for c in row if squeeze(c.text) and c.rowspan == 1),
        )
        for row in block.rows
    ]


def docx_structure(block: TableBlock) -> list[list[tuple[str, int, str | None]]]:
    """Each grid row as Word cells: (text, gridSpan, vMerge) with vMerge 'restart', 'continue' or None."""
    covered: dict[tuple[int, int], int] = {}
    result = []
    for r, row in enumerate(block.rows):
        cells, out, c = iter(row), [], 0
        while c < block.columns:
            if (r, c) in covered:
                out.append(("", covered[(r, c)], "continue"))
                c += covered[(r, c)]
                continue
            cell = next(cells)
            for dr in range(1, cell.rowspan):
                covered[(r + dr, c)] = cell.colspan
            out.append((cell.text, cell.colspan, "restart" if cell.rowspan > 1 else None))
            c += cell.colspan
        assert next(cells, None) is None, "grid row has more cells than columns"
        result.append(out)
    return result
