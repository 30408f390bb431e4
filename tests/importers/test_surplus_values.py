"""A row of 表三 printed with one number more than its 7 cells (the 总计 row with 8 numbers).

Placed when the cross-checks over the row leave exactly one reading, and said so in the warnings;
otherwise the row stays unplaced with its reason. No value ever lands in a wrong cell.
"""
import pytest

from reports.importers.parse import parse_lines
from reports.importers.surplus import surplus_value_fits
from reports.importers.text import read_text
from reports.interchange import to_json

from .samples import render_text
from .shapes import consistent_data, row_at, with_extra

FORMATS = ["gov-2021", "gov-2019"]
TOTALS = tuple(f"apply.total.{c}" for c in ("natural", "business", "research", "nonprofit", "legal", "other", "total"))


def _parse(lines):
    return parse_lines(read_text("\n".join(lines)), source="test.txt").to_json(findings=False)


def assert_nothing_wrong(doc, data) -> None:
    expected = to_json(data)["cells"]
    wrong = {k: (v, expected.get(k)) for k, v in doc["cells"].items() if expected.get(k) != v}
    assert wrong == {}


@pytest.mark.parametrize("format_id", FORMATS)
@pytest.mark.parametrize("where", ["subtotal", "repeated", "in front", "between"])
def test_a_total_row_with_eight_numbers_is_placed_when_the_sums_allow_one_reading(format_id, where):
    data = consistent_data(format_id)
    lines = render_text(data)
    at = row_at(lines, "总计")
    lines[at] = with_extra(lines[at], where)
    assert len([c for c in lines[at].split("\t") if c.strip().isdigit()]) == 8
    doc = _parse(lines)
    assert doc["cells"] == to_json(data)["cells"]
    assert doc["unmapped"] == []
    assert any(set(TOTALS) <= set(w.get("keys", [])) and "请确认" in w["message"]
               or "小计列" in w["message"] for w in doc["warnings"])


def test_a_total_row_with_eight_numbers_stays_unplaced_when_a_column_cannot_be_checked():
    # 予以公开 is lost from the copy: the column sums of the total row cannot be checked, so which number
    # is extra is not known.
    data = consistent_data()
    lines = render_text(data)
    at = row_at(lines, "总计")
    lines[at] = with_extra(lines[at], "between")
    del lines[row_at(lines, "予以公开")]
    doc = _parse(lines)
    assert not set(TOTALS) & set(doc["cells"])
    refused = [u for u in doc["unmapped"] if "总计" in u["source"]]
    assert refused and "无法判断" in refused[0]["message"]
    assert_nothing_wrong(doc, data)


def test_the_carried_over_row_with_eight_numbers_is_checked_by_its_own_sum_only_and_not_placed():
    # 四、结转下年度继续办理 has no column sums in the format: only its own total checks it, which does not
    # check each cell, so no reading is trusted.
    data = consistent_data()
    lines = render_text(data)
    at = row_at(lines, "结转下年度继续办理")
    lines[at] = with_extra(lines[at], "between")
    doc = _parse(lines)
    assert not any(k.startswith("apply.carried_over.") for k in doc["cells"])
    assert any("结转下年度继续办理" in u["source"] for u in doc["unmapped"])
    assert_nothing_wrong(doc, data)


def test_readings_that_disagree_are_all_returned():
    data = consistent_data()
    fmt = data.format
    cells = {k: v for k, v in data.cells.items() if not k.startswith("apply.total.")}
    right = tuple(str(data.cells[k]) for k in TOTALS)
    assert surplus_value_fits(fmt, cells, TOTALS, ("7",) + right) == [right]
    # Column sums left out: the row's own total alone cannot tell a stray 0 from a real one.
    partial = {k: v for k, v in cells.items() if not k.startswith("apply.granted.")}
    assert surplus_value_fits(fmt, partial, TOTALS, ("0",) + right) == []
