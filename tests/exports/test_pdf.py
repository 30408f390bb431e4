"""The PDF read back: labels and values in their rows, fonts embedded, watermark, markup as text."""
import collections
import io
import itertools
import re
import subprocess

import pdfplumber
import pytest

from reports.checks import cjk_font_families
from reports.exports.document import document_build
from reports.exports.pdf import document_laid_out, document_pdf, layout_pdf
from reports.formats.gov2021 import FEE_HEADER_PRECISE
from tests.conftest import require_system

from .conftest import MARKUP, distinct_data
from .grid import printed_rows, squeeze


def require_cjk_font():
    require_system(bool(cjk_font_families()), "no CJK font installed (fonts-noto-cjk)")


@pytest.fixture(scope="module", params=[2024, 2020], ids=["gov-2021", "gov-2019"])
def published(request):
    require_cjk_font()
    document = document_build(distinct_data(request.param), draft=False, fee_header_precise=True)
    # The grids as printed: a label merged across a page start is printed again on the new page.
    printed, layout = document_laid_out(document)
    return printed, layout_pdf(layout)


@pytest.fixture(scope="module")
def draft():
    require_cjk_font()
    return document_pdf(document_build(distinct_data(2024), draft=True))


def table_rows(pdf_bytes: bytes) -> list[tuple[str, ...]]:
    rows = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            page = page.filter(lambda obj: obj.get("size", 0) < 40)  # leave the watermark out
            for table in page.extract_tables():
                for row in table:
                    cells = tuple(squeeze(c) for c in row if squeeze(c))
                    if cells:
                        rows.append(cells)
    return rows


def pdf_text(pdf_bytes: bytes) -> str:
    """All text, page numbers left out so a paragraph broken across pages reads whole."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return re.sub(r"—\d+—", "", "".join(squeeze(page.extract_text()) for page in pdf.pages))


def in_order(label: str, text: str) -> bool:
    """The label's characters appear in this order (a narrow merged cell prints a few per line)."""
    rest = iter(text)
    return all(ch in rest for ch in label)


def test_every_table_row_prints_its_labels_and_values_in_grid_order(published):
    document, pdf = published
    rows, text = table_rows(pdf), pdf_text(pdf)
    position = 0
    for block in document.tables:
        for full, unmerged in printed_rows(block):
            # In order: a header repeated on a new page may come in between.
            expected = full if full in rows[position:] else unmerged
            assert expected in rows[position:], f"{block.key}: row {full} not found in order"
            position = rows.index(expected, position) + 1
            assert all(in_order(label, text) for label in full)
    has_fee_header = any(c.text == FEE_HEADER_PRECISE for row in document.tables[0].rows for c in row)
    assert has_fee_header == (document.title.endswith("2024年政府信息公开工作年度报告"))  # gov-2021 only


def test_title_headings_narrative_and_signature(published):
    document, pdf = published
    text = pdf_text(pdf)
    for block in document.blocks:
        if block.kind == "heading":
            assert block.text in text
        elif block.kind == "paragraph":
            assert squeeze(block.text) in text
    assert squeeze(document.title) in text
    assert text.index(document.agency + document.signed_on) > text.index("六、其他需要报告的事项")
    assert "草稿" not in text


def test_markup_in_narrative_prints_as_text(published):
    assert squeeze(MARKUP) in pdf_text(published[1])


def test_page_count_and_numbers(published):
    with pdfplumber.open(io.BytesIO(published[1])) as pdf:
        pages = len(pdf.pages)
        assert 3 <= pages <= 8
        assert all(p.width == pytest.approx(595.3, abs=1) and p.height == pytest.approx(841.9, abs=1)
                   for p in pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            assert f"— {number} —" in page.extract_text()


def test_fonts_are_embedded_subsets_with_a_cjk_font(published, system_tool, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(published[1])
    out = subprocess.run([system_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    fonts = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert fonts
    for columns in fonts:
        name, emb, sub = columns[0], columns[-5], columns[-4]
        assert (emb, sub) == ("yes", "yes"), name
        assert "+" in name, name
    assert any("CJK" in f[0] or "UKai" in f[0] for f in fonts)


def test_draft_carries_the_watermark_on_every_page(draft):
    with pdfplumber.open(io.BytesIO(draft)) as pdf:
        for page in pdf.pages:
            big = "".join(c["text"] for c in page.chars if c["size"] > 40)
            assert big == "草稿"


def test_pdftotext_reads_every_value(published, system_tool, tmp_path):
    document, pdf = published
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    words = subprocess.run([system_tool("pdftotext"), str(path), "-"], capture_output=True, text=True,
                           check=True).stdout.split()
    values = [c.text for t in document.tables for row in t.rows for c in row if c.key]
    assert values and not [v for v in values if v not in words]


def test_cjk_fonts_are_compact_cid_keyed_cff_covering_every_code(published):
    """The fonts are re-subset without empty glyphs; every code drawn must still be a CID of the font."""
    from fontTools.cffLib import CFFFontSet
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    pdf_bytes = published[1]
    assert len(pdf_bytes) < 400 * 1024
    document = PDFDocument(PDFParser(io.BytesIO(pdf_bytes)))
    checked = 0
    for xref in document.xrefs:
        for object_id in xref.get_objids():
            font = resolve1(document.getobj(object_id))
            if not isinstance(font, dict) or str(font.get("Subtype")) != "/'CIDFontType0'":
                continue
            stream = resolve1(resolve1(font["FontDescriptor"])["FontFile3"])
            assert str(stream["Subtype"]) == "/'CIDFontType0C'"
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(stream.get_data()), None)
            cids = {int(name[3:]) for name in cff[cff.fontNames[0]].charset if name.startswith("cid")}
            widths, codes = resolve1(font["W"]), set()
            for start, run in zip(widths[::2], widths[1::2]):
                codes.update(range(start, start + len(resolve1(run))))
            assert len(codes) > 10 and codes - {0} <= cids  # the bold title font has only its title's glyphs
            checked += 1
    assert checked >= 2


def test_page_layout_margins_and_type_sizes(published):
    mm = 72 / 25.4
    with pdfplumber.open(io.BytesIO(published[1])) as pdf:
        first = pdf.pages[0]
        title = next(c for c in first.chars if c["text"] == published[0].title[0])
        assert title["size"] == pytest.approx(22, abs=0.1)
        gaps = set()
        for page in pdf.pages:
            body = [c for c in page.chars if c["size"] == pytest.approx(16, abs=0.1)]
            tables = [c for c in page.chars if 9 <= c["size"] <= 10.6]
            for chars in (body, tables):
                if chars:
                    assert min(c["x0"] for c in chars) >= 28 * mm - 1
                    assert max(c["x1"] for c in chars) <= page.width - 26 * mm + 1
                    assert min(c["top"] for c in chars) >= 37 * mm - 1
                    assert max(c["bottom"] for c in chars) <= page.height - 35 * mm + 1
            lines = sorted({round(c["top"], 1) for c in body if c["x0"] > 28 * mm + 40})
            gaps.update(round(b - a, 1) for a, b in itertools.pairwise(lines))
        assert 28.9 in gaps  # the fixed 28.9 pt line pitch


def pdf_catalog(pdf_bytes: bytes):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(pdf_bytes)))
    return document.catalog, document.info[0]


def structure_tags(element, found: collections.Counter) -> collections.Counter:
    """Count the structure types under a structure element (children are references or MCIDs)."""
    from pdfminer.pdftypes import resolve1

    element = resolve1(element)
    if not isinstance(element, dict):
        return found
    if "S" in element:
        found[element["S"].name] += 1
        if element["S"].name == "TD" and resolve1(resolve1(element.get("A", {})).get("Headers")):
            found["TD with headers"] += 1
    kids = resolve1(element.get("K", []))
    for kid in kids if isinstance(kids, list) else [kids]:
        structure_tags(kid, found)
    return found


def test_the_pdf_is_tagged_in_chinese_with_its_title(published):
    """What a screen reader gets: the language, the title shown instead of the file name, and a
    structure of headings, paragraphs and tables whose value cells name their headers."""
    from pdfminer.pdftypes import resolve1

    document, pdf = published
    catalog, info = pdf_catalog(pdf)
    assert resolve1(catalog["Lang"]) == b"zh-CN"
    assert resolve1(info["Title"]).decode("utf-16") == document.title
    assert resolve1(resolve1(catalog["ViewerPreferences"])["DisplayDocTitle"])
    assert resolve1(resolve1(catalog["MarkInfo"])["Marked"])
    tags = structure_tags(resolve1(catalog["StructTreeRoot"]), collections.Counter())
    assert tags["H1"] == 1 and tags["H2"] >= 6 and tags["P"] >= 10
    assert tags["Table"] >= len(document.tables) >= 3 and tags["TH"] >= 20
    # WeasyPrint ties a cell to the row headers of its own row and the column headers above it; a few
    # cells under labels merged across rows get none.
    assert tags["TD"] >= 100 and tags["TD with headers"] >= 0.95 * tags["TD"]
