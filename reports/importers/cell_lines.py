"""Tables copied with every cell on a line of its own, rebuilt into rows.

Word and web tables pasted as plain text put each cell in a paragraph of its own:
a label, then its numbers, each on one line, with a blank line after each row (or
after every cell). Within a row, the label lines and the values that follow them
become one line of cells again. When blank lines stand between all cells, rows
cannot be told apart by them: only the label line just before the values joins
them, and the table reader joins a label broken over lines as it does in any text.
Empty cells vanish in such copies: a row whose values fall short is left to the
reader, which places it only when its count fits.
"""
from __future__ import annotations

from .lines import BLANK, Line
from .rows import split_row


def _single(line: Line) -> bool:
    return not line.tabular and len([c for c in line.cells if c]) == 1


def _lone_value(line: Line) -> bool:
    """One cell holding one value (or a blank mark) and nothing else."""
    if not _single(line):
        return False
    row = split_row(line)
    return len(row.values) == 1 and not row.label


def _blank_between_cells(lines: list[Line]) -> bool:
    """Whether blank lines stand after every value (then they do not end rows)."""
    cells = [i for i, line in enumerate(lines) if _lone_value(line)]
    return len(cells) > 1 and all(i + 1 == len(lines) or lines[i + 1].is_blank for i in cells)


def _segments(block: list[Line]) -> list[list[Line]]:
    """Cut a run of one-cell lines into rows shaped labels-then-values."""
    found: list[list[Line]] = []
    for line in block:
        if not found or (not _lone_value(line) and _lone_value(found[-1][-1])):
            found.append([])
        found[-1].append(line)
    return found


def _joined(lines: list[Line]) -> Line:
    return lines[0] if len(lines) == 1 else Line(tuple(line.text for line in lines))


def regroup_cells(lines: list[Line]) -> list[Line]:
    """Rows rebuilt from cells standing one per line; any other line is kept as it is."""
    if not any(_lone_value(line) for line in lines):
        return lines
    if _blank_between_cells(lines):
        cells = [line for line in lines if not line.is_blank]
        out: list[Line] = []
        for segment in _segments_of_runs(cells):
            labels = [line for line in segment if not _lone_value(line)]
            values = segment[len(labels):]
            out += labels[:-1] + ([_joined(labels[-1:] + values)] if values else labels[-1:])
        return out
    out = []
    block: list[Line] = []
    for line in [*lines, BLANK]:
        if _single(line):
            block.append(line)
            continue
        for segment in _segments(block):
            out.append(_joined(segment) if any(_lone_value(x) for x in segment) or len(segment) > 1 else segment[0])
        block = []
        out.append(line)
    return out[:-1]


def _segments_of_runs(lines: list[Line]) -> list[list[Line]]:
    """Segments of each run of one-cell lines; other lines stand alone."""
    found: list[list[Line]] = []
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and _single(line):
            run.append(line)
            continue
        found += _segments(run)
        run = []
        if line is not None:
            found.append([line])
    return found
