"""The DOCX reopened: official merged structure, values in place, fonts, page set-up, LibreOffice."""
import io
import os
import subprocess

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from reports.exports.document import document_build
from reports.exports.word import document_docx
from tests.conftest import require_system

from .conftest import MARKUP, distinct_data
from .grid import docx_structure, squeeze


@pytest.fixture(scope="module", params=[2024, 2020], ids=["gov-2021", "gov-2019"])
def exported(request):
    document = document_build(distinct_data(request.param), draft=False, fee_header_precise=True)
    return document, document_docx(document)


def word_rows(table) -> list[list[tuple[str, int, str | None]]]:
    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            span = tc.tcPr.find(qn("w:gridSpan"))
            merge = tc.tcPr.find(qn("w:vMerge"))
            merge_state = None if merge is None else (merge.get(qn("w:val")) or "continue")
            text = "".join(t.text for t in tc.iter(qn("w:t")))
            cells.append((text, int(span.get(qn("w:val"))) if span is not None else 1, merge_state))
        rows.append(cells)
    return rows


def test_tables_have_the_official_merged_structure_and_values(exported):
    document, content = exported
    tables = docx.Document(io.BytesIO(content)).tables
    assert len(tables) == len(document.tables)
    for table, block in zip(tables, document.tables):
        assert len(table._tbl.tblGrid.gridCol_lst) == block.columns
        assert word_rows(table) == docx_structure(block)


def test_header_rows_repeat_and_rows_never_split(exported):
    document, content = exported
    for table, block in zip(docx.Document(io.BytesIO(content)).tables, document.tables):
        for i, tr in enumerate(table._tbl.tr_lst):
            assert tr.trPr.find(qn("w:cantSplit")) is not None
            is_header = tr.trPr.find(qn("w:tblHeader")) is not None
            assert is_header == (block.repeat_header and i < len(block.header))


def test_text_in_order_with_markup_as_text(exported):
    document, content = exported
    paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs if p.text]
    assert paragraphs[0].replace("\n", "") == document.title  # broken after the agency name
    expected = [b.text for b in document.blocks if b.kind != "table"]
    assert paragraphs[1:1 + len(expected)] == expected
    assert paragraphs[-2:] == [document.agency, document.signed_on]
    assert MARKUP in paragraphs


def test_official_fonts_with_the_east_asian_slot_and_page_setup(exported):
    content = exported[1]
    doc = docx.Document(io.BytesIO(content))
    styles = doc.styles.element.xml
    for font in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"):
        assert f'w:eastAsia="{font}"' in styles
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)]
    assert margins == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"  # characters: see test_print_layout
    assert 560 <= int(grid.get(qn("w:linePitch"))) <= 580
    assert "PAGE" in section.footer._element.xml and "PAGE" in section.even_page_footer._element.xml
    assert "草稿" not in section.header._element.xml


def test_draft_has_a_watermark_in_every_header():
    section = docx.Document(io.BytesIO(document_docx(document_build(distinct_data(2024), draft=True)))).sections[0]
    for header in (section.header, section.even_page_header):
        assert 'string="草稿"' in header._element.xml


def test_libreoffice_converts_it(exported, system_tool, tmp_path):
    document, content = exported
    soffice = system_tool("soffice")
    families = subprocess.run([system_tool("fc-list"), ":family=Liberation Serif", "family"], check=False,
                              capture_output=True, text=True).stdout
    # Without a font of Times New Roman's widths, LibreOffice breaks 表四's four-digit counts.
    require_system("Liberation Serif" in families, "fonts-liberation is not installed")
    source = tmp_path / "report.docx"
    source.write_bytes(content)
    profile = tmp_path / "profile"  # a private profile: other LibreOffice runs may be going on
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        check=False, capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "report.pdf") as pdf:
        assert 3 <= len(pdf.pages) <= 9
        text = "".join(squeeze(page.extract_text()) for page in pdf.pages)
    assert squeeze(document.title) in text
    for block in document.tables:
        for row in block.rows:
            for cell in row:
                if cell.key:
                    assert cell.text in text


def test_control_characters_pasted_into_narrative_do_not_break_the_file():
    data = distinct_data(2024)
    data.texts["text.problems"] = "第一\x0b句\x07。"
    content = document_docx(document_build(data, draft=True))
    assert "第一句。" in [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def _keeps(tr) -> bool:
    """Every paragraph of the row (covered cells too) keeps with the next: Word keeps the rows together."""
    flags = [p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in tr.iter(qn("w:p"))]
    assert len(set(flags)) == 1, "a row kept by some of its cells only"
    return flags[0]


def test_a_block_of_the_active_table_stays_whole(exported):
    document, content = exported
    table = docx.Document(io.BytesIO(content)).tables[0]
    block = document.tables[0]
    rows = block.rows
    for r, tr in enumerate(table._tbl.tr_lst):
        opens_next = r + 1 < len(rows) and rows[r + 1][0].colspan == block.columns
        assert _keeps(tr) == (r + 1 < len(rows) and not opens_next), rows[r][0].text


def test_table_three_groups_stay_together_and_tables_never_leave_one_or_two_rows(exported):
    """A group under a merged label that fits a page goes over whole (Word cannot print the label
    again); 「三、本年度办理结果」 may break; a table starts and ends with at least three body rows."""
    document, content = exported
    tables = docx.Document(io.BytesIO(content)).tables
    apply = next(i for i, t in enumerate(document.tables) if t.key == "apply")
    block, trs = document.tables[apply], tables[apply]._tbl.tr_lst
    header = len(block.header)
    kept = [_keeps(tr) for tr in trs[header:]]
    body = [[c.text for c in row] for row in block.body]
    start = next(r for r, row in enumerate(body) if "（三）不予公开" in row)
    assert kept[start:start + 7] == [True] * 7 and not kept[start + 7]  # eight rows, kept together
    fourth = next(r for r, row in enumerate(body) if any(t.startswith("（四）") for t in row))
    assert kept[fourth:fourth + 2] == [True, True] and not kept[fourth + 2]
    assert kept[:2] == [True, True] and kept[-3:] == [True, True, False]
    assert not all(kept[2:-3])  # the long label breaks where it must
    for table, tblock in zip(tables, document.tables):
        for tr in table._tbl.tr_lst[:len(tblock.header)]:
            assert tr.trPr.find(qn("w:tblHeader")) is not None
