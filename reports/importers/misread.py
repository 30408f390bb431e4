"""Sums that fail in a table read from a scan: which cells one misread digit would explain."""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from reports.formats import ReportFormat

from .result import Issue


def one_digit_apart(a: Decimal, b: Decimal) -> bool:
    """Whether printing `b` and reading `a` takes one wrong, missing or extra digit."""
    x, y = str(a), str(b)
    if len(x) == len(y):
        return sum(1 for p, q in zip(x, y, strict=True) if p != q) == 1
    short, long = sorted((x, y), key=len)
    return len(long) == len(short) + 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def misread_warnings(fmt: ReportFormat, cells: dict) -> list[Issue]:
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
        issues.append(Issue(fmt.field(rule.target).label, message, suspects or keys))
    return issues
