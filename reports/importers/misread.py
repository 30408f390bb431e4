"""Sums that fail in a table read from a scan: which cells one misread digit would explain."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from reports.formats import SIGNED, ReportFormat

from .result import Issue


def one_digit_apart(a: Decimal, b: Decimal) -> bool:
    """Whether printing `b` and reading `a` takes one wrong, missing or extra digit."""
    x, y = str(a), str(b)
    if len(x) == len(y):
        return sum(1 for p, q in zip(x, y, strict=True) if p != q) == 1
    short, long = sorted((x, y), key=len)
    return len(long) == len(short) + 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def scan_review(fmt: ReportFormat, cells: dict) -> tuple[list[Issue], list[Issue]]:
    """Take out of `cells` what a scan cannot vouch for: (warnings, unplaced cells with what was read).

    A cell that one misread digit would explain the failure of a sum is left for the editor to enter,
    and so is a change (本年增/减): its minus sign, a short dash, is easily lost in a scan; and so is a
    value no sum of the format checks (表二's counts, the fees): a lost digit there would go unseen.
    """
    warnings, unplaced = [], []
    for issue in misread_warnings(fmt, cells):
        if issue.suspects:
            for key in issue.keys:
                unplaced.append(Issue(f"{fmt.field(key).label}：{cells[key]}", _(
                    "Read from the scan as %(value)s, but a sum of the table does not hold and one misread digit "
                    "here would explain it: enter it from the scan.") % {"value": cells[key]}, (key,)))
        else:
            warnings.append(issue.issue)
    checked = {key for rule in fmt.sums for key in (rule.target, *rule.parts)}
    for key, value in cells.items():
        if value is None:
            continue
        if fmt.field(key).kind == SIGNED:
            unplaced.append(Issue(f"{fmt.field(key).label}：{value}", _(
                "A change read from a scan may have lost its minus sign: enter it from the scan."), (key,)))
        elif key not in checked:
            unplaced.append(Issue(f"{fmt.field(key).label}：{value}", _(
                "Read from the scan as %(value)s; no sum of the table can confirm it: enter it from the scan.")
                % {"value": value}, (key,)))
    for issue in unplaced:
        cells.pop(issue.keys[0], None)
    return warnings, unplaced


@dataclass(frozen=True)
class Failed:
    """A sum that does not hold: its cells, and whether one misread digit in them would explain it."""

    issue: Issue
    suspects: bool

    @property
    def keys(self) -> tuple[str, ...]:
        return self.issue.keys


def misread_warnings(fmt: ReportFormat, cells: dict) -> list[Failed]:
    issues = []
    for rule in fmt.sums:
        keys = (rule.target, *rule.parts)
        if not all(k in cells for k in keys):
            continue
        values = {k: Decimal(cells[k] or 0) for k in keys}
        parts = sum((values[k] for k in rule.parts), Decimal(0))
        if values[rule.target] == parts:
            continue
        gap = values[rule.target] - parts
        needed = {rule.target: parts, **{k: values[k] + gap for k in rule.parts}}
        suspects = tuple(k for k in keys if needed[k] >= 0 and one_digit_apart(values[k], needed[k]))
        labels = "、".join(fmt.field(k).label for k in suspects or keys)
        if suspects:
            message = _("A sum of the scanned table does not hold; one misread digit in %(cells)s would explain "
                        "it: compare these cells with the scan.") % {"cells": labels}
        else:
            message = _("A sum of the scanned table does not hold: compare %(cells)s with the scan.") % {
                "cells": labels}
        issues.append(Failed(Issue(fmt.field(rule.target).label, message, suspects or keys), bool(suspects)))
    return issues
