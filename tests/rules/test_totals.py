"""compute_totals: the computed cells from the entered ones."""
import pytest

from reports.formats import GOV_2019, GOV_2021
from reports.rules import compute_totals, evaluate


def entered(data):
    return {k: v for k, v in data.cells.items() if not data.format.field(k).computed}


@pytest.mark.parametrize("name", ["report_2021", "report_2020"])
def test_totals_of_a_consistent_report_are_its_typed_totals(request, name):
    data = request.getfixturevalue(name)
    totals = compute_totals(data.format, entered(data))
    computed = {f.key for f in data.format.fields if f.computed}
    assert set(totals) == computed
    assert totals == {k: data.cells[k] for k in computed}


def test_typed_totals_are_ignored(report_2021):
    cells = dict(report_2021.cells, **{"apply.new.total": 999, "apply.total.total": 1})
    assert compute_totals(report_2021.format, cells)["apply.new.total"] == 381
    assert compute_totals(report_2021.format, cells)["apply.total.total"] == 386


@pytest.mark.parametrize("fmt", [GOV_2019, GOV_2021])
def test_nothing_entered_means_no_totals(fmt):
    assert set(compute_totals(fmt, {}).values()) == {None}


def test_a_total_is_none_only_when_all_its_parts_are_blank():
    totals = compute_totals(GOV_2021, {"apply.granted.natural": 3, "apply.new.legal": 0, "appeal.review.pending": 2})
    assert totals["apply.granted.total"] == 3
    assert totals["apply.total.natural"] == 3
    assert totals["apply.total.total"] == 3
    assert totals["apply.new.total"] == 0
    assert totals["apply.partial.total"] is None
    assert totals["apply.total.legal"] is None
    assert totals["appeal.review.total"] == 2
    assert totals["appeal.suit_direct.total"] is None


def test_filled_in_totals_satisfy_every_sum(report_2021):
    cells = entered(report_2021)
    cells.update(compute_totals(report_2021.format, cells))
    report_2021.cells = cells
    assert not [f for f in evaluate(report_2021) if f.rule in ("APPLY-RESULTS-SUM", "APPLY-ROW-SUM", "APPEAL-SUM")]
