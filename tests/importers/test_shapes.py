"""Copies in the shapes real published reports take: every value placed, none wrong."""
import pytest

from reports.importers.parse import parse_lines
from reports.importers.text import read_text
from reports.interchange import to_json

from .samples import sample_data
from .shapes import (
    BOOKMARK,
    cell_per_line_report,
    consistent_data,
    framed_html,
    one_cell_per_line,
    own_headings_report,
    portal_page,
)

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


@pytest.mark.parametrize("format_id", FORMATS)
def test_one_cell_per_line_without_blank_lines_keeps_table_four(format_id):
    """No blank line ends a row: 表四's header cells run straight into its 15 values."""
    data = sample_data(format_id)
    lines = cell_per_line_report(data, between_rows=False)
    header = next(i for i, line in enumerate(lines) if line.endswith("行政复议"))
    assert "" not in lines[header: next(i for i, line in enumerate(lines) if line.endswith("五、存在的主要问题及改进情况")) - 1]
    doc = _parse(lines)
    expected = to_json(data)
    assert {k: v for k, v in doc["cells"].items() if k.startswith("appeal.")} == \
        {k: v for k, v in expected["cells"].items() if k.startswith("appeal.")}
    assert doc["cells"] == expected["cells"]
    assert doc["texts"] == expected["texts"]
    assert doc["unmapped"] == []


def test_table_four_short_of_a_value_without_blank_lines_is_not_guessed():
    data = sample_data()
    lines = cell_per_line_report(data, between_rows=False)
    first_value = next(i for i, line in enumerate(lines) if line.endswith("复议后起诉")) + 11  # past the header
    assert lines[first_value].isdigit() and not lines[first_value - 1].isdigit()
    del lines[first_value]  # one cell vanished: 14 values for 15 places
    doc = _parse(lines)
    assert not any(k.startswith("appeal.") for k in doc["cells"])
    assert doc["unmapped"]
    expected = {k: v for k, v in to_json(data)["cells"].items() if not k.startswith("appeal.")}
    assert doc["cells"] == expected


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


@pytest.mark.parametrize("format_id", FORMATS)
def test_own_headings_and_tables_as_appendices(format_id):
    data = sample_data(format_id)
    lines = own_headings_report(data)
    assert "附表2：收到和处理政府信息公开申请情况" in lines and "二、主动公开政府信息情况" not in lines
    doc = _parse(lines)
    expected = to_json(data)
    assert doc["cells"] == expected["cells"]
    assert doc["texts"] == expected["texts"]
    assert doc["signed_on"] == expected["signed_on"] and doc["unmapped"] == []
    assert "二、主动公开工作情况；三、依申请公开工作情况" in doc["warnings"][0]["source"]


def test_own_headings_in_cells_per_line_copy():
    data = sample_data()
    lines = one_cell_per_line(own_headings_report(data))
    doc = _parse(lines)
    assert doc["cells"] == to_json(data)["cells"] and doc["unmapped"] == []


def test_a_heading_that_names_no_topic_goes_back_to_the_lead():
    data = sample_data()
    lines = own_headings_report(data)
    at = lines.index("四、政府信息管理工作情况")
    lines[at:at] = ["三、重点领域信息公开", "", "围绕重点领域推进信息公开。", ""]
    doc = _parse(lines)
    assert doc["texts"]["text.overview"].endswith("三、重点领域信息公开\n\n围绕重点领域推进信息公开。")
    assert doc["texts"]["text.overview.on_request"] == data.texts["text.overview.on_request"]
    assert "三、重点领域信息公开" in doc["warnings"][0]["source"]


def test_no_statutory_heading_at_all_still_reads_the_tables():
    data = sample_data()
    lines = [line.replace("一、总体情况", "一、基本情况") for line in own_headings_report(data)]
    lines = [line for line in lines if line not in ("七、存在的主要问题及改进情况", "八、其他需要报告的事项")]
    doc = _parse(lines)
    assert doc["cells"] == to_json(data)["cells"] and doc["unmapped"] == []
    assert data.texts["text.overview"] in doc["texts"]["text.preamble"]
    assert "一、总体情况" in doc["warnings"][0]["message"]


@pytest.mark.parametrize("format_id", FORMATS)
def test_vanished_blank_cells_placed_when_the_sums_allow_one_way_only(format_id):
    # Two short rows: the column sums decide them together.
    data = consistent_data(format_id, blank=("apply.granted.business", "apply.granted.research",
                                             "apply.denied.secret.legal"))
    lines = cell_per_line_report(data)
    doc = _parse(lines)
    assert doc["cells"] == to_json(data)["cells"] and doc["unmapped"] == []
    placed = [w for w in doc["warnings"] if "apply.granted.natural" in w.get("keys", [])]
    assert placed and "请确认" in placed[0]["message"]


def test_vanished_blank_cells_stay_unplaced_when_the_sums_allow_several_ways():
    # A zero beside the blanks: the sums hold whichever of the three cells it stood in.
    data = consistent_data(blank=("apply.granted.business", "apply.granted.research"))
    data.cells["apply.granted.natural"] = 0
    for rule in data.format.sums:
        data.cells[rule.target] = sum(data.cells[k] or 0 for k in rule.parts)
    doc = _parse(cell_per_line_report(data))
    assert not any(k.startswith("apply.granted.") for k in doc["cells"])
    assert doc["unmapped"][0]["source"].startswith("三、本年度办理结果 （一）予以公开")


@pytest.mark.parametrize("format_id", FORMATS)
def test_pdf_narrative_inside_ruled_boxes_is_read_as_text(format_id):
    import weasyprint

    from reports.importers.reading import read_bytes

    data = sample_data(format_id)
    pdf = weasyprint.HTML(string=framed_html(data)).write_pdf()
    doc = parse_lines(read_bytes(pdf), source="framed.pdf").to_json(findings=False)
    expected = to_json(data)
    assert doc["cells"] == expected["cells"]
    assert doc["texts"] == expected["texts"]
    assert doc["unmapped"] == []


@pytest.mark.parametrize("format_id", FORMATS)
def test_portal_page_with_layout_tables_and_furniture(format_id):
    from reports.importers.reading import read_bytes

    data = sample_data(format_id)
    doc = parse_lines(read_bytes(portal_page(data).encode()), source="page.html").to_json(findings=False)
    expected = to_json(data)
    assert doc["cells"] == expected["cells"]
    assert doc["texts"] == expected["texts"]
    assert (doc["title"], doc["agency"], doc["signed_on"]) == (data.title, data.agency, expected["signed_on"])
    assert doc["unmapped"] == [] and doc["warnings"] == []


def test_vanished_blank_cells_in_a_space_separated_copy():
    from .samples import render_text

    data = consistent_data(blank=("apply.denied.third_party.nonprofit", "apply.denied.third_party.legal"))
    lines = [" ".join(c for c in line.split("\t") if c) for line in render_text(data)]
    assert any(line.startswith("4.保护第三方合法权益") and len(line.split()) == 6 for line in lines)
    doc = _parse(lines)
    assert doc["cells"] == to_json(data)["cells"] and doc["unmapped"] == []
