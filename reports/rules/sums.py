"""Rule kinds that compare sums of cells: the format's own sums, and linear comparisons.

A blank counts as 0; a check whose cells are all blank is skipped (nothing entered
yet), and so is one that reads a value that is not a number (VALUE-* reports it).
"""
from __future__ import annotations

import operator
from dataclasses import dataclass

from reports.formats import ReportFormat

from .base import Context, Rule
from .labels import enumerate_labels, last_year_label, number, signed_terms

ROW = "row"
COLUMN = "column"

OPERATORS = {"==": operator.eq, "<=": operator.le, ">=": operator.ge}


def _total(cells: dict, keys) -> int:
    return sum(v for v in (cells.get(k) for k in keys) if v is not None)


@dataclass(frozen=True, kw_only=True, eq=False)
class FormatSums(Rule):
    """Each SumRule of the format (`fmt.sums`) in `table` whose parts run along `axis`.

    Along a ROW the parts are the target's row in other columns (row totals, 表四);
    along a COLUMN they are other rows of the target's column (（七）总计).
    """

    table: str
    axis: str

    def plan(self, fmt: ReportFormat):
        items = []
        for rule in fmt.sums:
            target = fmt.field(rule.target)
            parts = [fmt.field(k) for k in rule.parts]
            if target.table != self.table or self._axis(target, parts) != self.axis:
                continue
            if self.axis == ROW:
                labels = {"where": target.row_label, "target": target.column_label,
                          "parts": enumerate_labels([p.column_label for p in parts])}
            else:
                labels = {"where": target.column_label, "target": target.row_label,
                          "parts": enumerate_labels([p.row_label for p in parts])}
            items.append((rule.target, rule.parts, (rule.target,) + rule.parts, labels))
        return tuple(items)

    @staticmethod
    def _axis(target, parts) -> str | None:
        if all(p.row == target.row for p in parts):
            return ROW
        if all(p.column == target.column for p in parts):
            return COLUMN
        return None

    def check(self, ctx: Context, plan):
        cells, invalid = ctx.data.cells, ctx.invalid
        for target, parts, keys, labels in plan:
            if invalid and not invalid.isdisjoint(keys):
                continue
            stated = cells.get(target)
            total = _total(cells, parts)
            if stated is None and all(cells.get(k) is None for k in parts):
                continue
            if (stated or 0) != total:
                yield self.finding(keys, left=number(stated or 0), right=number(total), **labels)


@dataclass(frozen=True)
class Term:
    key: str
    sign: int = 1
    last: bool = False

    @classmethod
    def parse(cls, text: str) -> Term:
        """`-active.rules.repealed`, `last:apply.carried_over.total`."""
        sign = -1 if text.startswith("-") else 1
        text = text.lstrip("-")
        last = text.startswith("last:")
        return cls(text.removeprefix("last:"), sign, last)


@dataclass(frozen=True, kw_only=True, eq=False)
class Compare(Rule):
    """`left` op `right`, each a signed sum of terms, once for every value of `over`.

    Terms are key templates: `apply.new.{col}`, `-active.{row}.repealed`,
    `last:apply.carried_over.{col}` (last year's report). `over` is the placeholder
    and its values; messages get `left`, `right`, their labels and `where` (the
    label of the row or column the check is about).
    """

    left: tuple[str, ...]
    right: tuple[str, ...]
    over: tuple[str, tuple[str, ...]]
    op: str = "=="
    # An equality whose left is one cell and whose right reads last year's report: the form offers
    # the right side as that cell's value (上年结转, 现行有效件数); see carry.py.
    carries_forward: bool = False

    def plan(self, fmt: ReportFormat):
        name, values = self.over
        items = []
        for v in values:
            left = tuple(Term.parse(t.format(**{name: v})) for t in self.left)
            right = tuple(Term.parse(t.format(**{name: v})) for t in self.right)
            this_keys = tuple(dict.fromkeys(t.key for t in left + right if not t.last))
            if not all(k in fmt.field_map for k in this_keys):
                continue
            last_keys = tuple(t.key for t in left + right if t.last)
            first = fmt.field(this_keys[0])
            labels = {
                "where": first.column_label if name == "col" else first.row_label,
                "left_label": self._side_label(fmt, left, name),
                "right_label": self._side_label(fmt, right, name),
            }
            items.append((left, right, this_keys, last_keys, labels))
        return tuple(items)

    @staticmethod
    def _side_label(fmt, terms, name) -> str:
        labelled = []
        for term in terms:
            field = fmt.field_map.get(term.key)
            label = (field.row_label if name == "col" else field.column_label) if field else term.key
            labelled.append((term.sign, last_year_label(label) if term.last else label))
        return signed_terms(labelled)

    def check(self, ctx: Context, plan):
        compare = OPERATORS[self.op]
        for left, right, this_keys, last_keys, labels in plan:
            if not ctx.usable(this_keys) or not ctx.usable(last_keys, last=True):
                continue
            if all(ctx.value(k) is None for k in this_keys):
                continue
            if last_keys and all(ctx.value(k, last=True) is None for k in last_keys):
                continue
            lhs, rhs = self._side(ctx, left), self._side(ctx, right)
            if not compare(lhs, rhs):
                yield self.finding(this_keys, left=number(lhs), right=number(rhs), **labels)

    @staticmethod
    def _side(ctx: Context, terms) -> int:
        return sum(t.sign * (ctx.value(t.key, last=t.last) or 0) for t in terms)
