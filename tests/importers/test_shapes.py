"""Copies in the shapes real published reports take: every value placed, none wrong."""
import pytest

from reports.importers.parse import parse_lines
from reports.importers.text import read_text
from reports.interchange import to_json

from .samples import sample_data
from .shapes import BOOKMARK, cell_per_line_report

FORMATS = ["gov-2021", "gov-2019"]


def _parse(lines, **kwargs):
    return parse_lines(read_text("\n".join(lines)), source="test.txt", **kwargs).to_json(findings=False)


@pytest.mark.parametrize("format_id", FORMATS)
@pytest.mark.parametrize("between_cells", [False, True])
def test_one_cell_per_line_with_bookmarks_and_a_broken_label(format_id, between_cells):
    data = sample_data(format_id)
    lines = cell_per_line_report(data, between_cells=between_cells)
    assert any(line.startswith(BOOKMARK) for line in lines)
    doc = _parse(lines)
    expected = to_json(data)
    assert doc["cells"] == expected["cells"]
    assert doc["texts"] == expected["texts"]
    assert doc["unmapped"] == []
    assert (doc["agency"], doc["signed_on"]) == (data.agency, expected["signed_on"])


def test_a_row_whose_blank_cells_vanished_is_not_guessed():
    data = sample_data()
    lines = cell_per_line_report(data)
    at = lines.index("二、上年结转政府信息公开申请数量")
    del lines[at + 2: at + 4]  # two empty cells vanished from the copy
    doc = _parse(lines)
    assert not any(k.startswith("apply.carried_in.") for k in doc["cells"])
    assert doc["unmapped"][0]["source"].startswith("二、上年结转政府信息公开申请数量")
    expected = {k: v for k, v in to_json(data)["cells"].items() if not k.startswith("apply.carried_in.")}
    assert doc["cells"] == expected
