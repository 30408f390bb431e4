"""Print-ready as published: what an office worker would otherwise fix by hand, read back from the files."""
import dataclasses
import io
import itertools
import re
import zipfile
from datetime import date

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from reports.data import ReportData
from reports.exports.document import HEADING_2, document_build, title_lines
from reports.exports.pdf import document_pdf
from reports.exports.word import CHAR, document_docx
from reports.formats import format_for_year

from .conftest import distinct_data
from .test_pdf import require_cjk_font

# A4 and the GB/T 9704 margins, in points.
LEFT, RIGHT = 28 / 25.4 * 72, (210 - 26) / 25.4 * 72
BODY = 16.0


def short_data(**changes) -> ReportData:
    data = ReportData(
        format=format_for_year(2024), year=2024, agency="某县自然资源局",
        texts={"text.preamble": "本报告依据《条例》编制。", "text.overview.summary": "本年度工作平稳。",
               "text.overview.management": "健全信息发布审核机制。"},
        signed_on=date(2025, 1, 20),
    )
    return dataclasses.replace(data, **changes)


def pdf_lines(pdf_bytes: bytes) -> list[list[dict]]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [[line for line in page.extract_text_lines() if "—" not in line["text"]] for page in pdf.pages]


@pytest.fixture(scope="module")
def short_pdf():
    require_cjk_font()
    return document_pdf(document_build(short_data(), draft=False))


# 1. Empty sub-headings

def test_a_topic_without_text_prints_no_heading_and_the_rest_are_renumbered():
    document = document_build(short_data(), draft=False)
    topics = [b.text for b in document.blocks if b.kind == "heading" and b.level == HEADING_2]
    assert topics == ["（一）政府信息管理"]
    # Every printed sub-heading is followed by text.
    for block, following in zip(document.blocks, document.blocks[1:]):
        if block.kind == "heading" and block.level == HEADING_2:
            assert following.kind == "paragraph" and following.text
    assert not [b for b in document.blocks if b.kind == "paragraph" and not b.text.strip()]


def test_the_pdf_has_no_empty_sub_heading(short_pdf):
    text = "".join(line["text"] for page in pdf_lines(short_pdf) for line in page)
    for label in ("主动公开", "依申请公开", "政府信息公开平台建设", "监督保障"):
        assert "）" + label not in text
    assert "（一）政府信息管理健全信息发布审核机制。" in text


# 2. Signature and date

def _line_with(pages, text):
    """The last line printing `text` (the agency name also heads the title)."""
    return [line for page in pages for line in page if line["text"] == text][-1]


@pytest.mark.parametrize("agency", ["某县自然资源局", "局", "某某省某某市某某县人民政府办公室"])
def test_pdf_signature_the_date_four_characters_in_and_the_name_centred_over_it(agency):
    require_cjk_font()
    pages = pdf_lines(document_pdf(document_build(short_data(agency=agency), draft=False)))
    name, day = _line_with(pages, agency), _line_with(pages, "2025年1月20日")
    assert day["x1"] == pytest.approx(RIGHT - 4 * BODY, abs=3)
    assert day["top"] == pytest.approx(name["top"] + 28.9, abs=1)
    if len(agency) <= 14:
        assert (name["x0"] + name["x1"]) / 2 == pytest.approx((day["x0"] + day["x1"]) / 2, abs=4)
    else:  # a name too long to centre over the date ends at the right edge
        assert name["x1"] == pytest.approx(RIGHT, abs=3)


def test_pdf_signature_without_a_date_prints_the_name_only(short_pdf):
    require_cjk_font()
    pages = pdf_lines(document_pdf(document_build(short_data(signed_on=None), draft=False)))
    last = pages[-1][-1]
    assert last["text"] == "某县自然资源局"
    assert last["x1"] == pytest.approx(RIGHT - 4 * BODY, abs=3)


def _signature_paragraphs(content: bytes):
    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    return [p for p in paragraphs if p.style.name == "Nb Signature"]


def _right_indent(paragraph) -> int:
    return int(paragraph._p.pPr.find(qn("w:ind")).get(qn("w:right")))


def test_docx_signature_indents_and_no_empty_paragraph():
    dated = _signature_paragraphs(document_docx(document_build(short_data(), draft=False)))
    assert [p.text for p in dated] == ["某县自然资源局", "2025年1月20日"]
    # The date (6.5 characters) four in; the name (7 characters) centred over it.
    assert [_right_indent(p) for p in dated] == [round(3.75 * CHAR), 4 * CHAR]
    undated = _signature_paragraphs(document_docx(document_build(short_data(signed_on=None), draft=False)))
    assert [p.text for p in undated] == ["某县自然资源局"]
    paragraphs = docx.Document(io.BytesIO(document_docx(document_build(short_data(), draft=False)))).paragraphs
    assert all(p.text for p in paragraphs[:-1] if p.style.name != "Normal" or p._p.getprevious().tag != qn("w:tbl"))


# 3. Title

@pytest.mark.parametrize(("title", "agency", "lines"), [
    ("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府",
     ("淮安市人民政府", "2024年政府信息公开工作年度报告")),
    ("某局2024年政府信息公开工作年度报告", "某局", ("某局2024年政府信息公开工作年度报告",)),
    ("某某市自然资源和规划局2024年政府信息公开工作年度报告", "某某市自然资源和规划局",
     ("某某市自然资源和规划局", "2024年政府信息公开工作年度报告")),
    ("中共某某省委某某工作委员会某某管理办公室2024年政府信息公开工作年度报告", "中共某某省委某某工作委员会某某管理办公室",
     ("中共某某省委某某工作委员会某某管理办公室", "2024年政府信息公开工作年度报告")),
    # An agency name longer than a line: the name in even lines, the rest on its own.
    ("中共某某省委某某工作委员会某某某某管理办公室2024年政府信息公开工作年度报告", "中共某某省委某某工作委员会某某某某管理办公室",
     ("中共某某省委某某工作委员会", "某某某某管理办公室", "2024年政府信息公开工作年度报告")),
    ("关于2024年度某某事项的政府信息公开工作年度报告说明", "某局",
     ("关于2024年", "度某某事项的政府信息公开工作年度报告说明")),
])
def test_title_breaks_after_the_agency_or_the_year(title, agency, lines):
    assert title_lines(title, agency) == lines
    assert all(len(line) > 2 for line in title_lines(title, agency))


def test_pdf_title_lines_break_after_the_agency():
    require_cjk_font()
    data = short_data(agency="淮安市人民政府")
    pages = pdf_lines(document_pdf(document_build(data, draft=False)))
    assert [line["text"] for line in pages[0][:2]] == ["淮安市人民政府", "2024年政府信息公开工作年度报告"]
    for line in pages[0][:2]:  # centred
        assert (line["x0"] + line["x1"]) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=2)


def test_docx_title_breaks_after_the_agency():
    content = document_docx(document_build(short_data(agency="淮安市人民政府"), draft=False))
    title = docx.Document(io.BytesIO(content)).paragraphs[0]
    assert title.text == "淮安市人民政府\n2024年政府信息公开工作年度报告"


# 4. Text block: 28 characters × 22 lines

def test_pdf_full_lines_hold_28_characters_and_full_pages_22_lines():
    require_cjk_font()
    long_text = "\n".join("政府信息公开工作平稳有序推进，" * 12 for _ in range(8))
    data = short_data(texts={"text.preamble": long_text})
    pages = pdf_lines(document_pdf(document_build(data, draft=False)))
    full_page = pages[1]
    assert len(full_page) == 22
    pitches = {round(b["top"] - a["top"], 1) for a, b in itertools.pairwise(full_page)}
    assert pitches <= {28.9, 28.8, 29.0}
    full_lines = [line for line in full_page
                  if line["x0"] == pytest.approx(LEFT, abs=1) and line["x1"] == pytest.approx(RIGHT, abs=1)]
    assert len(full_lines) > 10 and {len(line["text"]) for line in full_lines} == {28}
    assert all(line["x1"] <= RIGHT + 0.5 for line in full_page)


def test_docx_gives_28_characters_and_22_lines_in_libreoffice(system_tool, tmp_path):
    import os
    import subprocess

    long_text = "\n".join("政府信息公开工作平稳有序推进，" * 12 for _ in range(8))
    source = tmp_path / "report.docx"
    source.write_bytes(document_docx(document_build(short_data(texts={"text.preamble": long_text}), draft=False)))
    subprocess.run(
        [system_tool("soffice"), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    pages = pdf_lines((tmp_path / "report.pdf").read_bytes())
    assert len(pages[1]) == 22
    full = [line for line in pages[1] if line["x0"] == pytest.approx(LEFT, abs=2) and line["x1"] > RIGHT - 16]
    assert len(full) > 10 and {len(line["text"]) for line in full} == {28}


# 7. DOCX internals

def test_docx_core_properties_are_the_reports():
    from django.utils import timezone

    before = timezone.now().replace(microsecond=0)
    content = document_docx(document_build(short_data(), draft=False))
    props = docx.Document(io.BytesIO(content)).core_properties
    assert props.title == "某县自然资源局2024年政府信息公开工作年度报告"
    assert props.author == props.last_modified_by == "某县自然资源局"
    assert before <= props.created <= timezone.now()
    assert props.modified == props.created
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        names = package.namelist()
        assert not [n for n in names if "thumbnail" in n]
        assert "thumbnail" not in package.read("_rels/.rels").decode()
        assert b"Macintosh" not in package.read("docProps/app.xml")


def test_docx_font_table_lists_the_fonts_it_names():
    content = document_docx(document_build(short_data(), draft=False))
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        table = package.read("word/fontTable.xml").decode()
        named = set(re.findall(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', package.read("word/styles.xml").decode()
                               + package.read("word/document.xml").decode()))
    listed = set(re.findall(r'<w:font w:name="([^"]+)"', table))
    assert {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"} <= named <= listed
    assert "Cambria" not in listed and "ＭＳ 明朝" not in listed


# 5. A table continued on a new page repeats the group labels of its continuing rows

def test_a_label_merged_across_a_page_start_is_cut_there():
    from reports.exports.document import table_continued_at

    document = document_build(distinct_data(2024), draft=False)
    apply = next(t for t in document.tables if t.key == "apply")
    start = next(r for r, row in enumerate(apply.body) if any(c.text.startswith("4.保护第三方") for c in row))
    cut = table_continued_at(apply, {start})
    labels = [[c.text for c in row if c.rowspan > 1] for row in cut.body]
    assert labels[start] == ["三、本年度办理结果", "（三）不予公开"]
    spans = {c.text: c.rowspan for row in cut.body[:start] for c in row if c.rowspan > 1}
    assert spans["（三）不予公开"] == 3 and spans["三、本年度办理结果"] == start - 2
    # Every grid row still has exactly its columns.
    widths = [sum(c.colspan for c in row) for row in cut.body]
    assert len(widths) == len(apply.body)


def test_pdf_repeats_the_group_label_on_the_continuation_page():
    require_cjk_font()
    from tests.exports.sample import full_report_data

    pdf = document_pdf(document_build(full_report_data(agency="淮安市人民政府", year=2024), draft=False))
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        texts = [re.sub(r"\s+", "", page.extract_text()) for page in opened.pages]
    start = next(i for i, t in enumerate(texts) if "一、本年新收政府信息公开申请数量" in t)
    continued = [t for t in texts[start + 1:] if "申请人情况" in t]
    assert continued, "the sample's 表三 fits one page: the test no longer shows a continuation"
    first_rows = continued[0].split("总计", 1)[1]  # below the repeated header
    assert re.search(r"三、本.*年度办.*理结果", first_rows)
    assert re.search(r"（[三四五六]）", first_rows)


def test_table_three_label_columns_as_in_the_template():
    document = document_build(distinct_data(2024), draft=False)
    apply = next(t for t in document.tables if t.key == "apply")
    mm = [w * 1.56 for w in apply.widths]
    assert 54 <= mm[2] <= 60  # the third label column, about 58 mm
    assert min(mm[:2]) >= 12.5  # （三） on one line


def test_pdf_table_three_labels_do_not_leave_a_character_alone():
    require_cjk_font()
    pdf = document_pdf(document_build(distinct_data(2024), draft=False))
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        lines = [line["text"] for page in opened.pages for line in page.extract_text_lines()]
        words = {w["text"] for page in opened.pages for w in page.extract_words()}
    for label in ("4.保护第三方合法权益", "5.属于三类内部事务信息", "3.危及“三安全一稳定”"):
        assert any(label in line for line in lines), label
    # Header cells break between words: 「商业／企业」「科研／机构」, never 「商业企／业」.
    assert {"商业", "企业", "科研", "机构"} <= words and not {"业", "构", "益", "息"} & words


def _drawn(pdf_bytes: bytes) -> list[tuple]:
    """Per page: every character with its place, and every ruling line and box."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [(
            [(c["text"], round(c["x0"], 1), round(c["top"], 1), round(c["size"], 1)) for c in page.chars],
            sorted((round(o["x0"], 1), round(o["top"], 1), round(o["x1"], 1), round(o["bottom"], 1))
                   for o in page.rects + page.lines + page.curves),
        ) for page in pdf.pages]


@pytest.mark.parametrize("data", [
    pytest.param(lambda: __import__("tests.exports.sample", fromlist=["x"]).full_report_data(
        agency="淮安市人民政府", year=2024), id="sample-gov-2021"),
    pytest.param(lambda: distinct_data(2024), id="distinct-gov-2021"),
], )
def test_pdf_laid_out_again_only_from_the_continuation_page_prints_as_a_full_second_layout(data, monkeypatch):
    """The export lays out again only the pages from where a table continues inside a merged label;
    the result is the very layout of the whole document with that label cut, page by page."""
    require_cjk_font()
    from reports.exports import pdf as exporter
    from reports.exports.document import document_continued_at
    from reports.exports.html import document_html

    document = document_build(data(), draft=False)
    first = exporter._render(document_html(document))
    continued = document_continued_at(document, exporter.continued_rows(first))
    assert continued is not document, "no label is cut: the test shows nothing"
    full = exporter.layout_pdf(exporter._render(document_html(continued)))

    laid_out = []
    render = exporter._render
    monkeypatch.setattr(exporter, "_render", lambda html: laid_out.append(html) or render(html))
    printed, layout = exporter.document_laid_out(document)
    assert printed == continued
    assert len(laid_out) == 2 and "counter-reset: page" in laid_out[1]
    assert len(laid_out[1]) < len(laid_out[0]) * 0.75  # the second layout is the document's end only
    ours, theirs = _drawn(exporter.layout_pdf(layout)), _drawn(full)
    assert len(ours) == len(theirs)
    for page, (a, b) in enumerate(zip(ours, theirs)):
        assert a[0] == b[0], [(page, x, y) for x, y in zip(a[0], b[0]) if x != y][:5]
        assert a[1] == b[1], page


@pytest.mark.parametrize("lines", [2, 3], ids=["table-starts-at-page-end", "table-ends-below-a-repeated-header"])
def test_pdf_table_three_never_starts_or_ends_a_page_with_one_or_two_rows(lines):
    """With this much preamble the table would start with two rows at a page end, or end with two rows
    below its header repeated on a new page."""
    require_cjk_font()
    import collections

    from reports.exports.document import FEW_ROWS

    data = distinct_data(2024)
    data.texts["text.preamble"] = "\n".join(["政府信息公开工作平稳有序推进，" * 2] * lines)
    document = document_build(data, draft=False)
    with pdfplumber.open(io.BytesIO(document_pdf(document))) as opened:
        words = [{w["text"] for w in page.extract_words()} for page in opened.pages]
    apply = next(t for t in document.tables if t.key == "apply")
    # The page of each body row, found by its total (every value in the sample is distinct).
    pages = [next(i for i, on_page in enumerate(words) if row[-1].text in on_page) for row in apply.body]
    assert pages == sorted(pages)
    counts = collections.Counter(pages)
    assert len(counts) > 1, "the table fits one page: the test shows nothing"
    assert counts[pages[0]] >= FEW_ROWS and counts[pages[-1]] >= FEW_ROWS


def test_table_rows_kept_with_the_next():
    document = document_build(distinct_data(2024), draft=False)
    active, apply = document.tables[0], next(t for t in document.tables if t.key == "apply")
    keeps = [keep for _, _, keep in apply.body_rows]
    assert keeps[:2] == [True, True] and keeps[-3:] == [True, True, False] and not all(keeps)
    for (_, row, keep), following in zip(active.body_rows, (*active.body[1:], None)):
        assert keep == (following is not None and following[0].colspan != active.columns)
