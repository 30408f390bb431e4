"""DOCX built with python-docx (real tables, merged cells) and PDF made by WeasyPrint from simple HTML."""
import pytest

from reports.importers.parse import parse_lines
from reports.importers.reading import read_bytes
from reports.interchange import to_json

from .samples import render_docx, render_html, sample_data

FORMATS = ["gov-2021", "gov-2019"]


def _import(content):
    return parse_lines(read_bytes(content), source="test").to_json(findings=False)


@pytest.mark.parametrize("format_id", FORMATS)
def test_docx_with_merged_cells(format_id):
    data = sample_data(format_id)
    doc = _import(render_docx(data))
    expected = to_json(data)
    assert doc["cells"] == expected["cells"]
    assert doc["texts"] == expected["texts"]
    assert (doc["format"], doc["agency"], doc["signed_on"]) == (format_id, data.agency, expected["signed_on"])
    assert doc["unmapped"] == [] and doc["warnings"] == []


def test_docx_blank_cells_stay_blank():
    data = sample_data()
    for key in ("apply.new.research", "apply.new.natural", "apply.granted.total", "appeal.review.total",
                "active.fees.amount", "apply.carried_over.natural", "apply.carried_over.total"):
        data.cells[key] = None
    doc = _import(render_docx(data))
    assert doc["cells"] == to_json(data)["cells"]
    assert doc["unmapped"] == []


def test_docx_bold_runs_come_back_as_markup():
    import io

    import docx

    document = docx.Document()
    for text in ("测试局2022年政府信息公开工作年度报告", "一、总体情况", "（一）主动公开"):
        document.add_paragraph(text)
    paragraph = document.add_paragraph()
    paragraph.add_run("一是加强解读。").bold = True
    paragraph.add_run("全年发布解读12篇。")
    for text in ("五、存在的主要问题及改进情况", "问题与措施。", "六、其他需要报告的事项", "未收取信息处理费。"):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    doc = _import(out.getvalue())
    assert doc["texts"]["text.overview.active"] == "**一是加强解读。**全年发布解读12篇。"


@pytest.mark.parametrize("format_id", FORMATS)
@pytest.mark.parametrize("ruled", [True, False])
def test_pdf_from_weasyprint(format_id, ruled):
    from weasyprint import HTML

    data = sample_data(format_id)
    doc = _import(HTML(string=render_html(data, ruled=ruled)).write_pdf())
    expected = to_json(data)
    assert doc["cells"] == expected["cells"]
    assert doc["format"] == format_id
    assert doc["signed_on"] == expected["signed_on"]
    assert doc["texts"]["text.problems"] == data.texts["text.problems"]
    assert doc["unmapped"] == []


@pytest.mark.parametrize("format_id", FORMATS)
def test_saved_web_page(format_id):
    data = sample_data(format_id)
    page = render_html(data).replace("<body>", "<body><script>var x = '一、总体情况';</script><div>首页 &gt; 政务公开</div>")
    doc = _import(page.encode())
    expected = to_json(data)
    assert doc["cells"] == expected["cells"]
    assert doc["texts"] == expected["texts"]
    assert doc["unmapped"] == [] and doc["warnings"] == []


def test_docx_laid_out_inside_a_one_cell_table():
    import copy
    import io

    import docx

    inner = docx.Document(io.BytesIO(render_docx(sample_data())))
    outer = docx.Document()
    cell = outer.add_table(rows=1, cols=1).cell(0, 0)
    for element in list(inner.element.body.iterchildren()):
        if not element.tag.endswith("sectPr"):
            cell._tc.append(copy.deepcopy(element))
    out = io.BytesIO()
    outer.save(out)
    doc = _import(out.getvalue())
    assert doc["cells"] == to_json(sample_data())["cells"]
    assert doc["texts"] == to_json(sample_data())["texts"]


def test_web_page_blank_cells_written_as_nbsp():
    data = sample_data()
    for key in ("apply.new.research", "apply.new.nonprofit", "appeal.review.upheld"):
        data.cells[key] = None
    page = render_html(data).replace('<td colspan="1" rowspan="1"></td>', '<td><p align="center">&nbsp;</p></td>')
    assert "&nbsp;" in page
    doc = _import(page.encode())
    assert doc["cells"] == to_json(data)["cells"]
    assert doc["unmapped"] == []


def test_docx_table_whose_section_heading_is_missing():
    import io

    import docx

    data = sample_data()
    document = docx.Document(io.BytesIO(render_docx(data)))
    heading = next(p for p in document.paragraphs if p.text == "二、主动公开政府信息情况")
    heading._element.getparent().remove(heading._element)
    out = io.BytesIO()
    document.save(out)
    doc = _import(out.getvalue())
    assert doc["cells"] == to_json(data)["cells"]
    assert doc["texts"] == to_json(data)["texts"]
