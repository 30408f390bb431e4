"""Placing the rows of published tables on canonical keys.

A row is placed by its label when the label is recognised (exactly, or by
similarity, which is reported); a row of bare numbers whose label was lost is
placed by its position in the format's grid, after the last placed row. Anything
else goes to `unmapped` with its source text: nothing is guessed silently.
"""
from __future__ import annotations

from django.utils.translation import gettext as _

from reports.formats import ReportFormat
from reports.normalize import InvalidValue, parse_value

from .lines import Line, norm, similarity
from .result import Issue
from .rows import Row, split_row
from .specs import RowSpec, format_specs
from .surplus import surplus_value_fits
from .vanished import vanished_cells_fits

SIMILAR = 0.75  # below this a label is not recognised
EXACT = 0.98
MARGIN = 0.08  # a recognised label must beat the next best row by this much
STRAY_LENGTH = 12


class TableReader:
    def __init__(self, fmt: ReportFormat):
        self.fmt = fmt
        self.specs = format_specs(fmt.id)
        self._context = sorted(self.specs.context, key=len, reverse=True)
        # Section headings too: a table's caption often repeats its section's (`表二：主动公开政府信息情况`).
        self._known = self.specs.known_labels() | {norm(s.heading) for s in fmt.sections}
        self._known_by_length = sorted(self._known, key=len, reverse=True)
        self._exact: dict[str, list[RowSpec]] = {}
        for spec in self.specs.all_rows():
            for variant in spec.variants:
                self._exact.setdefault(variant, []).append(spec)
        self.cells: dict = {}
        self.unmapped: list[Issue] = []
        self.warnings: list[Issue] = []
        self.placed: dict[tuple, tuple] = {}  # spec keys -> raw values
        self.cursor: dict[str, int] = {}
        self.pending: list[str] = []
        self.short_rows: list[tuple[RowSpec, tuple, str]] = []  # rows whose empty cells vanished
        self.long_rows: list[tuple[RowSpec, tuple, str]] = []  # rows with one value more than the table
        self._doubtful: tuple[str, ...] = ()  # texts of the current row read with low confidence from a scan
        self.table: str | None = None

    # ------------------------------------------------------------ input

    def feed(self, line: Line, table: str | None) -> None:
        if line.is_blank:
            return
        if table != self.table:
            self._flush_pending()
            self.table = table
        self._doubtful = line.doubtful
        row = split_row(line)
        if not row.values:
            if len(self.pending) == 3:
                self._flush_pending(self.pending[:1])
            self.pending = self.pending[-2:] + [row.label]
            return
        source = line.text
        used = 0
        if row.broken:
            self._unmapped(source, _("Text stands between the values of this row."))
        else:
            used = self._place_row(row, source)
        self._flush_pending(self.pending[: len(self.pending) - used])
        self.pending = []

    def finish(self) -> None:
        self._flush_pending()
        if self.long_rows:
            self._place_long_rows()
        if self.short_rows:
            self._place_short_rows()
        self.short_rows, self.long_rows = [], []

    @property
    def placed_count(self) -> int:
        return sum(1 for v in self.cells.values() if v is not None)

    # ------------------------------------------------------------ matching

    def _strip_context(self, text: str) -> str:
        stripped = True
        while stripped and text:
            stripped = next((c for c in self._context if c and text.startswith(c)), None)
            if stripped:
                text = text[len(stripped):]
        return text

    def _candidates(self, label: str) -> list[tuple[str, int]]:
        """Normalised label candidates, each with how many pending fragments it takes."""
        own = norm(label)
        found = [(own, 0), (self._strip_context(own), 0)] if own else []
        for n in sorted({1, len(self.pending)}):
            if 0 < n <= len(self.pending):
                joined = norm("".join(self.pending[-n:]) + label)
                found += [(joined, n), (self._strip_context(joined), n)]
        return [c for c in dict.fromkeys(found) if c[0]]

    def _match(self, label: str, count: int):
        """The best row for a label: (spec, similarity, pending used), or None when not recognised."""
        for candidate, used in self._candidates(label)[:2]:
            exact = self._exact.get(candidate, ())
            if len(exact) == 1:
                return exact[0], 1.0, used
        best: dict[RowSpec, tuple[float, float, int]] = {}
        for candidate, used in self._candidates(label):
            # A candidate that is only a group heading must match a row exactly, not nearly.
            heading_only = not self._strip_context(candidate)
            for spec in self.specs.all_rows():
                sim = max((similarity(candidate, v) for v in spec.variants), default=0.0)
                if heading_only and sim < EXACT:
                    continue
                bonus = 0.03 * (spec.table == self.table) + 0.03 * (count in (len(spec.keys), 2 * len(spec.keys)))
                if sim + bonus > best.get(spec, (-1.0,))[0]:
                    best[spec] = (sim + bonus, sim, used)
        ranked = sorted(best.items(), key=lambda kv: kv[1][0], reverse=True)
        if not ranked:
            return None
        spec, (total, sim, used) = ranked[0]
        runner_up = next((t for s, (t, _, _) in ranked[1:] if s.keys != spec.keys), 0.0)
        if sim >= SIMILAR and (sim >= EXACT or total - runner_up >= MARGIN):
            return spec, sim, used
        return None

    def _only_headers(self, text: str) -> bool:
        """Whether `text` is nothing but column headers of the current table, two or more of them."""
        heads, found = self.specs.heads.get(self.table or "", ()), 0
        while text:
            head = next((h for h in heads if text.startswith(h)), None)
            if head is None:
                return False
            text, found = text[len(head):], found + 1
        return found > 1

    def _done(self, spec: RowSpec) -> bool:
        return spec.keys in self.placed or bool(spec.parts) and all(p.keys in self.placed for p in spec.parts)

    @staticmethod
    def _fits(spec: RowSpec, count: int) -> bool:
        return any(count in (len(s.keys), len(s.keys) + 1, 2 * len(s.keys)) for s in (spec, *spec.parts))

    def _next_slot(self, count: int) -> RowSpec | None:
        rows = self.specs.rows.get(self.table or "", [])
        for spec in rows[self.cursor.get(self.table or "", 0):]:
            if self._done(spec):
                continue
            if count in (len(spec.keys), 2 * len(spec.keys)) and not any(p.keys in self.placed for p in spec.parts):
                return spec
            return next((p for p in spec.parts if p.keys not in self.placed and count == len(p.keys)), None)
        return None

    # ------------------------------------------------------------ placing

    def _place_row(self, row: Row, source: str) -> int:
        """Place one row; return how many pending label fragments it took."""
        count = len(row.values)
        match = self._match(row.label, count)
        own = norm(row.label)
        if match is not None and own in self.specs.context and not self._fits(match[0], count):
            # A column header left before a row without label (cells copied one per line): not its label.
            match, own = None, ""
        elif match is None and self._only_headers(own):
            # The whole header of a table without row labels (表四), its cells copied one per line with no
            # blank line to end them: the values that follow are the row, placed by position.
            own = ""
        if match is not None:
            spec, sim, used = match
            if sim < EXACT:
                found = "".join(self.pending[len(self.pending) - used:]) + row.label
                self.warnings.append(Issue(source, _("Label “%(found)s” read as “%(label)s”.")
                                           % {"found": found, "label": spec.label}, spec.keys))
            self._place(spec, row.values, source, row.trailing)
            return used
        if own and not self._strip_context(own):
            self._unmapped(source, _("The label names a group of rows, not one row of the official table."))
        elif not own:
            slot = self._next_slot(count)
            if slot is None and row.layout:
                row = Row(row.label, row.values[row.layout:])
                slot = self._next_slot(len(row.values))
            if slot is None:
                self._unmapped(source, _("A row of numbers without a label that fits no position of the table."))
                return 0
            if slot.variants:
                self.warnings.append(Issue(source, _("Numbers without a label placed by position as “%(label)s”.")
                                           % {"label": slot.label}, slot.keys))
            self._place(slot, row.values, source)
        else:
            self._unmapped(source, _("The label is not one of the official table."))
        return 0

    def _place(self, spec: RowSpec, values: tuple, source: str, trailing: int = 0) -> None:
        n = len(spec.keys)
        if len(values) < n <= len(values) + trailing:
            values += (None,) * (n - len(values))
            self.warnings.append(Issue(source, _("Empty cells at the end of the row were read as blank values."),
                                       spec.keys))
        if len(values) == 2 * n and values[:n] == values[n:]:
            values = values[:n]
            self.warnings.append(Issue(source, _("The values of this row were printed twice; read once."), spec.keys))
        if len(values) == n + 1:
            values = self._drop_subtotal(spec, values, source)
        summed = any(set(spec.keys) & {r.target, *r.parts} for r in self.fmt.sums)
        if summed and (len(values) < n or len(values) == n + 1):
            # The cross-checks may tell, once all rows are read.
            (self.short_rows if len(values) < n else self.long_rows).append((spec, values, source))
            return
        if len(values) != n:
            self._unmapped(source, _("“%(label)s” has %(found)d values where the official table has %(expected)d.")
                           % {"label": spec.label, "found": len(values), "expected": n})
            return
        if spec.keys in self.placed:
            if self.placed[spec.keys] != values:
                self._unmapped(source, _("“%(label)s” appears twice with different values.") % {"label": spec.label})
            return
        self.placed[spec.keys] = values
        if self._doubtful:
            self.warnings.append(Issue(source, _("Text recognition read “%(texts)s” in this row with low "
                                                 "confidence: compare the row with the scan.")
                                       % {"texts": "”、“".join(self._doubtful)}, spec.keys))
        for key, raw in zip(spec.keys, values, strict=True):
            try:
                self.cells[key] = None if raw is None else parse_value(self.fmt.field(key), raw)
            except InvalidValue as exc:
                self.cells[key] = None
                self._unmapped(source, exc.message, (key,))
        parent = self.specs.rows[spec.table][spec.index]
        self.cursor[spec.table] = spec.index + (1 if self._done(parent) else 0)

    def _place_short_rows(self) -> None:
        """Rows whose empty cells vanished from the copy: placed when exactly one way of putting their values
        back in order makes every cross-check over them hold, and reported; else left unplaced."""
        rows = [(spec, values, source) for spec, values, source in self.short_rows if spec.keys not in self.placed]
        fits = vanished_cells_fits(self.fmt, self.cells, [(spec.keys, values) for spec, values, _ in rows])
        for n, (spec, values, source) in enumerate(rows):
            if len(fits) != 1:
                self._unmapped(source, _("“%(label)s” has %(found)d values where the official table has "
                                         "%(expected)d.") % {"label": spec.label, "found": len(values),
                                                             "expected": len(spec.keys)})
                continue
            self.warnings.append(Issue(source, _("Cells of this row were missing from the copy; the cross-checks "
                                                 "of the table allow only one place for its values, left the "
                                                 "others blank: confirm them."), spec.keys))
            self._place(spec, tuple(fits[0][n]), source)

    def _place_long_rows(self) -> None:
        """Rows with one value more than the official table: placed when the sums over the row leave one
        reading, and reported; else left unplaced."""
        for spec, values, source in self.long_rows:
            if spec.keys in self.placed:
                continue
            fits = surplus_value_fits(self.fmt, self.cells, spec.keys, values)
            if len(fits) != 1:
                self._unmapped(source, _("“%(label)s” has %(found)d values where the official table has "
                                         "%(expected)d; the cross-checks do not tell which one is extra.")
                               % {"label": spec.label, "found": len(values), "expected": len(spec.keys)})
                continue
            self.warnings.append(Issue(source, _("This row has one value more than the official table; the "
                                                 "cross-checks of the table allow only one reading, which was "
                                                 "placed: confirm it."), spec.keys))
            self._place(spec, fits[0], source)

    def _drop_subtotal(self, spec: RowSpec, values: tuple, source: str) -> tuple:
        """Remove a subtotal column the official table does not have, when it is one."""
        for start, span in self.specs.subtotals.get(spec.table, ()):
            rest = values[:start] + values[start + 1:]
            group = rest[start: start + span]
            numbers = [_integer(v) for v in (values[start], *group)]
            if len(group) == span and None not in numbers and numbers[0] == sum(numbers[1:]):
                self.warnings.append(Issue(source, _("A subtotal column that the official table does not have "
                                                     "was left out."), spec.keys))
                return rest
        return values

    def _unmapped(self, source: str, reason: str, keys: tuple = ()) -> None:
        self.unmapped.append(Issue(source, reason, keys))

    def _loose_number(self, key: str) -> bool:
        """A digit left once every known label is taken out: a value that no row took."""
        for known in self._known_by_length:
            if known in key:
                key = key.replace(known, "")
        return any(c.isdigit() for c in key)

    def _label_like(self, text: str, key: str) -> bool:
        """Pieces of labels (a header wrapped inside its cells) are not stray text."""
        pieces = [norm(p) for p in text.split()]
        if all(any(p in k for k in self._known) for p in pieces if p):
            return True
        return any(key in k or similarity(key, k) >= 0.6 for k in self._known)

    def _flush_pending(self, fragments: list[str] | None = None) -> None:
        """Report text left between rows that is no label of the table: it may be a lost row."""
        for text in self.pending if fragments is None else fragments:
            key = self._strip_context(norm(text))
            if self._loose_number(key):
                self._unmapped(text, _("Numbers in this line could not be read as a row of the table."))
            elif len(key) >= STRAY_LENGTH and not self._label_like(text, key):
                self._unmapped(text, _("Text inside a table that is not part of it."))
        if fragments is None:
            self.pending = []


def _integer(raw: str | None) -> int | None:
    try:
        return None if raw is None else int(raw)
    except ValueError:
        return None
