"""The document model as DOCX (python-docx), in the same layout as the PDF.

The body is written as WordprocessingML in one parse: building a few hundred merged table
cells through python-docx's object API costs ten times more, and the merges
(gridSpan / vMerge) are easier to get exactly right from the format grid directly.
Fonts are named, not embedded: Word and WPS on the readers' machines have the official ones.
"""
from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

import docx
from django.utils import timezone, translation
from django.utils.translation import pgettext
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from reports.formats import LABEL, place

from .document import HEADING_1, Document, Heading, Paragraph, TableBlock
from .html import DOCUMENT_LANGUAGE

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
TIMES = "Times New Roman"

# Twips (1/20 pt). A4, margins 37 / 35 / 28 / 26 mm, 22 lines × 28 characters (GB/T 9704).
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LINE_PITCH = 579  # 28.95 pt
BODY_SIZE = 32  # half-points: 3号 16 pt
CHAR = 320  # one body character, in twips
# 28 characters in the 156 mm line: each body character 0.25 pt narrower (15.75 pt). A line grid
# (22 lines) with this character spacing gives 28 in Word and LibreOffice alike; a character grid
# (linesAndChars) with the matching negative pitch makes LibreOffice put every glyph across two cells.
GRID_TYPE = "lines"
BODY_SPACING = -5  # twentieths of a point
TABLE_SIZE = 21  # 五号 10.5 pt
TABLE_LINE = 280  # 14 pt
# A group of rows under a merged label this long or shorter is kept on one page.
GROUP_ROWS = 10


def _fonts(name: str, latin: str | None = None) -> str:
    # The East Asian slot is the one Word uses for Chinese; the Latin slots set the face of digits.
    latin = latin or name
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{name}" w:cs="{latin}" w:hint="eastAsia"/>'


def _style(style_id: str, name: str, ppr: str, rpr: str) -> str:
    return (
        f'<w:style {NAMESPACES} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


_EXACT = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
_INDENT = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * CHAR}"/>'
_NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
_SIZE = f'<w:spacing w:val="{BODY_SPACING}"/><w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/>'
_NO_SPACING = '<w:spacing w:val="0"/>'

STYLES = (
    _style(
        "NbTitle", "Nb Title",
        '<w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="579" w:line="720" '
        'w:lineRule="exact"/>' + _NO_INDENT + '<w:jc w:val="center"/>',
        _fonts(XIAOBIAOSONG) + _NO_SPACING + '<w:sz w:val="44"/><w:szCs w:val="44"/>',
    ),
    _style(
        "NbHeading1", "Nb Heading 1",
        "<w:keepNext/>" + _EXACT + _INDENT + '<w:outlineLvl w:val="0"/>',
        _fonts(HEITI) + _SIZE,
    ),
    _style(
        "NbHeading2", "Nb Heading 2",
        "<w:keepNext/>" + _EXACT + _INDENT + '<w:outlineLvl w:val="1"/>',
        _fonts(KAITI) + _SIZE,
    ),
    _style(
        "NbTable", "Nb Table Text",
        '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" '
        f'w:line="{TABLE_LINE}" w:lineRule="exact"/>' + _NO_INDENT + '<w:jc w:val="center"/>',
        # Narrow Times digits: a six-digit count stays on one line in 表四's 15 columns.
        _fonts(FANGSONG, latin=TIMES) + _NO_SPACING + f'<w:sz w:val="{TABLE_SIZE}"/><w:szCs w:val="{TABLE_SIZE}"/>',
    ),
    _style(
        "NbSignature", "Nb Signature",
        "<w:keepNext/><w:keepLines/>" + _EXACT + _NO_INDENT + '<w:jc w:val="right"/>',
        _fonts(FANGSONG) + _SIZE,
    ),
)

_BORDER = 'w:val="single" w:sz="6" w:space="0" w:color="000000"'
TABLE_PROPERTIES = (
    f'<w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>'
    + "".join(f"<w:{side} {_BORDER}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="28" w:type="dxa"/>'
    '<w:right w:w="28" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
)


# Characters XML 1.0 cannot carry (pasted from other programs); Word would refuse the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text_runs(text: str, bold: bool = False, font: str | None = None) -> str:
    rpr = (_fonts(font) if font else "") + ("<w:b/><w:bCs/>" if bold else "")
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    text = _NOT_XML.sub("", text)
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def _paragraph(block: Paragraph, keep_next: bool = False) -> str:
    props = "<w:pPr><w:keepNext/></w:pPr>" if keep_next else ""
    return f"<w:p>{props}" + "".join(_text_runs(run.text, run.bold) for run in block.runs) + "</w:p>"


def _heading(block: Heading) -> str:
    style = "NbHeading1" if block.level == HEADING_1 else "NbHeading2"
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{_text_runs(block.text)}</w:p>'


def _cell_xml(cell, width: int, span: int, merge: str | None, columns: int, keep_next: bool = False) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    props += '<w:vAlign w:val="center"/>'
    keep = "<w:keepNext/>" if keep_next else ""
    if cell is None:  # covered by the merged cell above: Word wants an empty paragraph
        return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{f'<w:pPr>{keep}</w:pPr>' if keep else ''}</w:p></w:tc>"
    left = cell.role == "label" and span < columns
    jc = '<w:jc w:val="left"/>' if left else ""
    # Column headers and the article lines of 表二 in 黑体, as in the PDF.
    font = HEITI if cell.role == "head" or span == columns else None
    return (
        f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="NbTable"/>{keep}'
        f'<w:snapToGrid w:val="0"/>{jc}</w:pPr>'
        f"{_text_runs(cell.text, font=font)}</w:p></w:tc>"
    )


def _kept_rows(block: TableBlock) -> set[int]:
    """Grid rows that stay on the page of the row below: those of the document model (表二 blocks whole,
    the first and last rows of a table), and the rows of a group under a merged label of at most
    GROUP_ROWS rows (「（三）不予公开」): Word cannot print the label again on a new page, so a group
    that fits goes over whole. A longer label (「三、本年度办理结果」) may break, as the template's does."""
    offset = len(block.header)
    kept = {offset + index for index, _, keep in block.body_rows if keep}
    for row in place(block.body):
        for p in row:
            if p.cell.role == LABEL and 1 < p.cell.rowspan <= GROUP_ROWS:
                kept.update(range(offset + p.row, offset + p.row + p.cell.rowspan - 1))
    return kept


def _table(block: TableBlock) -> str:
    widths = [round(TEXT_WIDTH * w / 100) for w in block.widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = []
    placed = place(block.rows)
    # (row, column) -> the cell above that covers it through its rowspan.
    covered = {(p.row + dr, p.col): p.cell for row in placed for p in row for dr in range(1, p.cell.rowspan)}
    kept = _kept_rows(block)
    for r, row in enumerate(block.rows):
        starts = {p.col: p.cell for p in placed[r]}
        tcs, c = [], 0
        keep = r in kept
        while c < block.columns:
            origin = covered.get((r, c))
            if origin is not None:
                tcs.append(_cell_xml(None, sum(widths[c:c + origin.colspan]), origin.colspan, "continue",
                                     block.columns, keep_next=keep))
                c += origin.colspan
                continue
            cell = starts[c]
            merge = "restart" if cell.rowspan > 1 else None
            tcs.append(_cell_xml(cell, sum(widths[c:c + cell.colspan]), cell.colspan, merge, block.columns,
                                 keep_next=keep))
            c += cell.colspan
        header = "<w:tblHeader/>" if block.repeat_header and r < len(block.header) else ""
        rows.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>{''.join(tcs)}</w:tr>")
    # A short empty paragraph after the table: the gap the PDF leaves below a table.
    gap = f'<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="{TABLE_LINE}" w:lineRule="exact"/></w:pPr></w:p>'
    return f"<w:tbl>{TABLE_PROPERTIES}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>{gap}"


def _signature(document: Document) -> str:
    """The name centred over the date, the date four characters in (indents from the document model)."""
    space = f'<w:spacing w:before="{LINE_PITCH}" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
    lines = [(document.agency, space)] + ([(document.signed_on, "")] if document.signed_on else [])
    return "".join(
        f'<w:p><w:pPr><w:pStyle w:val="NbSignature"/>{spacing}<w:ind w:rightChars="{round(100 * indent)}" '
        f'w:right="{round(CHAR * indent)}"/></w:pPr>{_text_runs(text)}</w:p>'
        for (text, spacing), indent in zip(lines, document.signature_indents)
    )


def _title(document: Document) -> str:
    lines = '<w:r><w:br/></w:r>'.join(_text_runs(line) for line in document.title_lines or (document.title,))
    return f'<w:p><w:pPr><w:pStyle w:val="NbTitle"/></w:pPr>{lines}</w:p>'


def _body_xml(document: Document) -> str:
    parts = [_title(document)]
    last = len(document.blocks) - 1
    for i, block in enumerate(document.blocks):
        if block.kind == "paragraph":
            # The last paragraph stays on the signature's page: a signature never stands alone.
            parts.append(_paragraph(block, keep_next=i == last))
        elif block.kind == "heading":
            parts.append(_heading(block))
        else:
            parts.append(_table(block))
    parts.append(_signature(document))
    return f"<w:body {NAMESPACES}>{''.join(parts)}</w:body>"


def _page_number(align: str) -> str:
    side = "right" if align == "right" else "left"
    run_props = f"<w:rPr>{_fonts(SONGTI)}<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>"

    def run(inner: str) -> str:
        return f"<w:r>{run_props}{inner}</w:r>"

    return (
        f'<w:p {NAMESPACES}><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0"/>'
        f'<w:ind w:firstLine="0" w:{side}="{CHAR - 40}"/><w:jc w:val="{align}"/></w:pPr>'
        + run('<w:t xml:space="preserve">— </w:t>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>1</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + run('<w:t xml:space="preserve"> —</w:t>')
        + "</w:p>"
    )


def _watermark(text: str) -> str:
    """A Word text watermark (VML text path in the header), as Word itself writes one."""
    return (
        f'<w:p {NAMESPACES}><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/></v:shapetype>'
        '<v:shape id="NbDraftWatermark" o:spid="_x0000_s2049" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:360pt;height:180pt;rotation:325;'
        "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" fillcolor="#c8c8c8" stroked="f">'
        '<v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;{HEITI}&quot;;font-size:1pt" string="{escape(text)}"/>'
        "</v:shape></w:pict></w:r></w:p>"
    )


def _setup_styles(doc) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    rpr.remove(rpr.find(qn("w:rFonts")))
    rpr.insert(0, parse_xml(f"<w:x {NAMESPACES}>{_fonts(FANGSONG)}</w:x>")[0])
    for tag, value in (("w:sz", BODY_SIZE), ("w:szCs", BODY_SIZE)):
        rpr.find(qn(tag)).set(qn("w:val"), str(value))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(parse_xml(f"<w:x {NAMESPACES}>{_EXACT}</w:x>")[0])
    normal = doc.styles["Normal"].element
    normal_ppr = normal.get_or_add_pPr()
    for child in parse_xml(f'<w:x {NAMESPACES}>{_INDENT}<w:jc w:val="left"/></w:x>'):
        normal_ppr.append(child)
    normal_rpr = normal.get_or_add_rPr()
    for child in parse_xml(f"<w:x {NAMESPACES}>{_fonts(FANGSONG)}{_SIZE}</w:x>"):
        normal_rpr.append(child)
    for style in STYLES:
        styles.append(parse_xml(style))


def _setup_section(doc, document: Document) -> None:
    section = doc.sections[0]
    sect = section._sectPr
    sect.find(qn("w:pgSz")).attrib.update({qn("w:w"): str(PAGE_WIDTH), qn("w:h"): str(PAGE_HEIGHT)})
    sect.find(qn("w:pgMar")).attrib.update({
        qn("w:top"): str(MARGIN_TOP), qn("w:bottom"): str(MARGIN_BOTTOM), qn("w:left"): str(MARGIN_LEFT),
        qn("w:right"): str(MARGIN_RIGHT), qn("w:header"): "851", qn("w:footer"): "1304", qn("w:gutter"): "0",
    })
    sect.find(qn("w:docGrid")).attrib.update({
        qn("w:type"): GRID_TYPE, qn("w:linePitch"): str(LINE_PITCH),
    })
    # Odd pages carry the number on the right, even pages on the left.
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        _replace_content(footer._element, _page_number(align))
    if document.draft:
        with translation.override(DOCUMENT_LANGUAGE):
            mark = _watermark(pgettext("watermark", "Draft"))
        for header in (section.header, section.even_page_header):
            _replace_content(header._element, mark)


def _replace_content(part_element, paragraph_xml: str) -> None:
    for child in list(part_element):
        part_element.remove(child)
    part_element.append(parse_xml(paragraph_xml))


# The font table names the fonts the document uses (Word and WPS read it to substitute a missing one):
# (name, alternative name, charset, family, pitch). Charset 86 is GB2312.
FONT_TABLE = (
    (FANGSONG, "仿宋", "86", "modern", "fixed"),
    (XIAOBIAOSONG, "", "86", "script", "variable"),
    (HEITI, "SimHei", "86", "modern", "fixed"),
    (KAITI, "楷体", "86", "modern", "fixed"),
    (SONGTI, "SimSun", "86", "auto", "variable"),
    (TIMES, "", "00", "roman", "variable"),
)


def _font_table_xml() -> bytes:
    fonts = "".join(
        f'<w:font w:name="{name}">' + (f'<w:altName w:val="{alt}"/>' if alt else "")
        + f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, charset, family, pitch in FONT_TABLE
    )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">{fonts}</w:fonts>'
            ).encode()


APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>Nianbao</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _setup_package(doc, document: Document) -> None:
    """Properties of this report instead of python-docx's template: title, agency, the time of export;
    no template thumbnail (a blank page in file browsers); a font table of the fonts named."""
    now = timezone.now().replace(microsecond=0, tzinfo=None)  # core properties are UTC
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = document.title, document.agency, document.agency
    props.subject = props.keywords = props.category = props.comments = ""
    props.created = props.modified = now
    props.revision = 1
    props.language = "zh-CN"
    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel.rId)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_PROPERTIES
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = _font_table_xml()


def document_docx(document: Document) -> bytes:
    doc = docx.Document()
    _setup_styles(doc)
    _setup_section(doc, document)
    _setup_package(doc, document)
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect:
            body.remove(child)
    for child in parse_xml(_body_xml(document)):
        sect.addprevious(child)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
