"""Report content for the export tests: every cell a different value, so placement can be proved."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reports.data import ReportData
from reports.formats import AMOUNT, format_for_year

from .sample import full_report_data

ZERO_KEY = "apply.new.natural"  # one cell holds 0: it must print as 0, never blank
MARKUP = "<script>alert('x')</script><b>粗体</b>"


def distinct_cells(fmt) -> dict:
    cells = {}
    for i, field in enumerate(fmt.fields):
        cells[field.key] = Decimal(f"{i + 11}.{i + 1000:04d}") if field.kind == AMOUNT else 1001 + i
    cells[ZERO_KEY] = 0
    return cells


def distinct_data(year: int) -> ReportData:
    fmt = format_for_year(year)
    data = full_report_data(agency="测试市某某局", year=year)
    data.format = fmt
    data.cells = distinct_cells(fmt)
    data.texts["text.other"] += "\n" + MARKUP
    data.signed_on = date(year + 1, 2, 3)
    return data


@pytest.fixture(autouse=True)
def export_cache_dir(settings, tmp_path):
    # Report ids repeat between tests (rolled back): each test gets an empty cache.
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"
    return settings.EXPORT_CACHE_DIR
