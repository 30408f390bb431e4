"""A generated report re-typed in the shapes real copies take: one cell per line, artefacts, broken labels."""
from __future__ import annotations

from .samples import render_text

BOOKMARK = "[bookmark: _Hlk66973412]"


def one_cell_per_line(lines: list[str], *, between_cells: bool = False) -> list[str]:
    """Each table cell on its own line with a blank line after each row (as Word and web tables copy);
    with `between_cells`, a blank line after every cell too. Empty cells vanish."""
    out: list[str] = []
    for line in lines:
        if "\t" not in line:
            out.append(line)
            continue
        for cell in (c for c in line.split("\t") if c):
            out += [cell, ""] if between_cells else [cell]
        if not between_cells:
            out.append("")
    return out


def with_bookmarks(lines: list[str], every: int = 5) -> list[str]:
    """Editor artefacts before some labels, as Word's plain-text copy leaves them."""
    return [BOOKMARK + line if line and not line[0].isdigit() and i % every == 0 else line
            for i, line in enumerate(lines)]


def break_label(lines: list[str], label: str, at: int) -> list[str]:
    """A label cell wrapped over two lines (`5.要求行政` / `机关确认…`)."""
    i = lines.index(label)
    return lines[:i] + [label[:at], label[at:]] + lines[i + 1:]


def cell_per_line_report(data, *, between_cells: bool = False) -> list[str]:
    lines = one_cell_per_line(render_text(data), between_cells=between_cells)
    lines = break_label(lines, "5.要求行政机关确认或重新出具已获取信息", 6) if "5.要求行政机关确认或重新出具已获取信息" \
        in lines else lines
    return with_bookmarks(lines)
