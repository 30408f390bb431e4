"""A generated report re-typed in the shapes real copies take: one cell per line, artefacts, broken labels."""
from __future__ import annotations

import re

from .samples import render_text

BOOKMARK = "[bookmark: _Hlk66973412]"


def one_cell_per_line(lines: list[str], *, between_cells: bool = False, between_rows: bool = True) -> list[str]:
    """Each table cell on its own line with a blank line after each row (as Word and web tables copy);
    with `between_cells`, a blank line after every cell too; without `between_rows`, no blank line
    inside a table at all. Empty cells vanish."""
    out: list[str] = []
    for line in lines:
        if "\t" not in line:
            out.append(line)
            continue
        for cell in (c for c in line.split("\t") if c):
            out += [cell, ""] if between_cells else [cell]
        if between_rows and not between_cells:
            out.append("")
    return out


def with_bookmarks(lines: list[str], every: int = 5) -> list[str]:
    """Editor artefacts before some labels, as Word's plain-text copy leaves them."""
    return [BOOKMARK + line if line and not line[0].isdigit() and i % every == 0 else line
            for i, line in enumerate(lines)]


def break_label(lines: list[str], label: str, at: int) -> list[str]:
    """A label cell wrapped over two lines (`5.要求行政` / `机关确认…`)."""
    i = lines.index(label)
    return lines[:i] + [label[:at], label[at:]] + lines[i + 1:]


def cell_per_line_report(data, *, between_cells: bool = False, between_rows: bool = True) -> list[str]:
    lines = one_cell_per_line(render_text(data), between_cells=between_cells, between_rows=between_rows)
    lines = break_label(lines, "5.要求行政机关确认或重新出具已获取信息", 6) if "5.要求行政机关确认或重新出具已获取信息" \
        in lines else lines
    return with_bookmarks(lines)


OWN_HEADINGS = (
    ("（一）主动公开", "二、主动公开工作情况"),
    ("（二）依申请公开", "三、依申请公开工作情况"),
    ("（三）政府信息管理", "四、政府信息管理工作情况"),
    ("（四）政府信息公开平台建设", "五、平台建设情况"),
    ("（五）监督保障", "六、工作机制保障"),
    ("五、存在的主要问题及改进情况", "七、存在的主要问题及改进情况"),
    ("六、其他需要报告的事项", "八、其他需要报告的事项"),
)
CAPTIONS = {"二、主动公开政府信息情况": "附表1：主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况": "附表2：收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况": "附表3：政府信息公开行政复议、行政诉讼情况"}


def own_headings_report(data) -> list[str]:
    """Narrative under headings of the report's own (一、总体情况 二、主动公开工作情况 … 八), the statutory
    tables after the signature as 附表1-3."""
    lines = render_text(data)
    tables: list[str] = []
    for heading, caption in CAPTIONS.items():
        start = lines.index(heading)
        end = next(i for i in range(start + 2, len(lines)) if lines[i] and "\t" not in lines[i])
        tables += [caption, *lines[start + 1: end]]
        del lines[start: end]
    renamed = dict(OWN_HEADINGS)
    return [renamed.get(line, line) for line in lines] + [""] + tables


def row_at(lines: list[str], label: str) -> int:
    """The tab-separated line of the 表三 row whose label holds `label`."""
    return next(i for i, line in enumerate(lines) if label in "".join(line.split("\t")[:3]) and line.count("\t") > 6)


def with_extra(line: str, where: str) -> str:
    """The row with one number more: a 法人或其他组织 subtotal, a total repeated at the end, a stray number
    in front (a merged cell read into the row), or a number between two columns that sums nothing."""
    cells = line.split("\t")
    first = next(i for i, c in enumerate(cells) if c.strip().isdigit())
    numbers = [int(c) for c in cells[first:]]
    extra = {"subtotal": (first + 1, sum(numbers[1:6])), "repeated": (len(cells), numbers[-1]),
             "in front": (first, 7), "between": (first + 3, 3)}[where]
    cells.insert(extra[0], str(extra[1]))
    return "\t".join(cells)


def total_row_with_extra(data, where: str = "between") -> list[str]:
    """The report as tab-separated text, its 总计 row of 表三 printed with 8 numbers for 7 cells."""
    lines = render_text(data)
    at = row_at(lines, "总计")
    lines[at] = with_extra(lines[at], where)
    return lines


def consistent_data(format_id: str = "gov-2021", blank: tuple[str, ...] = ()):
    """A sample report whose totals add up (the cross-checks hold), with the `blank` cells left empty."""
    from .samples import sample_data

    data = sample_data(format_id)
    for key in blank:
        data.cells[key] = None
    for rule in data.format.sums:
        data.cells[rule.target] = sum(data.cells[k] or 0 for k in rule.parts)
    return data


def framed_html(data) -> str:
    """The printout with each section's narrative inside a ruled one-cell box that shares its rules with the
    table below it, as PDFs made by WPS from some templates are drawn."""
    import re

    from .samples import render_html

    html = render_html(data)
    html = re.sub(r"(<h2>.*?)(?=<h2>|<table>|</body>)",
                  lambda m: f"<table class=frame><tr><td>{m.group(1)}</td></tr></table>", html)
    return html.replace("</style>", " table.frame td { font-size: 11pt; border: 0.5pt solid black; }</style>")


def portal_page(data) -> str:
    """The report as a government portal serves it: navigation, breadcrumbs, a layout table around the
    article, share buttons, related links and a footer; the report's tables nested inside."""
    from .samples import render_html

    body = render_html(data, ruled=True).split("<body>", 1)[1].rsplit("</body>", 1)[0]
    nav = "".join(f"<li><a href='#'>{t}</a></li>" for t in ("首页", "政务公开", "政务服务", "互动交流", "走进测试区"))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>测试区人民政府门户网站</title>"
        "<script>var _hmt = _hmt || [];</script><style>.nav{color:red}</style></head><body>"
        f"<div class='header'><ul class='nav'>{nav}</ul></div>"
        "<div class='crumb'>当前位置：首页 > 政务公开 > 政府信息公开年报</div>"
        "<table width='100%'><tr><td class='side'><ul><li>政府信息公开指南</li><li>政府信息公开制度</li></ul></td>"
        f"<td class='main'><div class='info'>发布时间：2023-01-20　来源：测试局　浏览次数：123</div>"
        f"<div class='article'>{body}</div>"
        "<div class='tools'>【打印本页】【关闭窗口】</div><div>扫一扫在手机打开当前页</div>"
        "</td></tr></table>"
        "<div class='related'>相关链接</div><ul><li>上一篇：测试局2021年政府信息公开工作年度报告</li></ul>"
        "<div class='footer'>主办：测试区人民政府办公室　网站标识码：1234567890　京ICP备12345678号</div>"
        "</body></html>"
    )


def scanned_page(data, page: int = 2, *, angle: float = 0.8, seed: int = 7) -> bytes:
    """One page of the report's PDF export printed and scanned: a 150 dpi grey PNG, turned by `angle`
    degrees, with grain and specks of dust."""
    import io

    import numpy as np
    import pdfplumber
    from PIL import Image

    from reports.exports.document import document_build
    from reports.exports.pdf import document_pdf

    pdf = document_pdf(document_build(data, draft=False))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        image = doc.pages[page - 1].to_image(resolution=150).original.convert("L")
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image).astype(np.int16) + rng.normal(0, 12, (image.height, image.width)).astype(np.int16)
    pixels[rng.random(pixels.shape) < 0.002] = 0
    out = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(out, format="PNG")
    return out.getvalue()


def image_pdf(png: bytes) -> bytes:
    """A PDF holding only the image, as a scanner makes it."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").save(out, format="PDF", resolution=150)
    return out.getvalue()


def wps_like_docx(data) -> bytes:
    """The report's DOCX rewritten in the ways WPS Office writes its files (no WPS-made file is at hand):
    horizontal merges as legacy `w:hMerge` runs of cells instead of `w:gridSpan`, vertical merges with an
    explicit `w:vMerge w:val="continue"`, each cell's text in several runs with `w:rFonts w:hint="eastAsia"`,
    WPS's own namespace and custom data, and WPS named as the application in docProps/app.xml."""
    import copy
    import io
    import zipfile

    from lxml import etree

    from .samples import render_docx

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def q(tag: str) -> str:
        return f"{{{w}}}{tag}"

    source = zipfile.ZipFile(io.BytesIO(render_docx(data)))
    root = etree.fromstring(source.read("word/document.xml"))
    for merge in root.iter(q("vMerge")):
        merge.set(q("val"), merge.get(q("val")) or "continue")
    for tc in list(root.iter(q("tc"))):
        span = tc.find(f"{q('tcPr')}/{q('gridSpan')}")
        if span is None or tc.find(f"{q('tcPr')}/{q('vMerge')}") is not None:
            continue
        count = int(span.get(q("val")))
        properties = span.getparent()
        properties.remove(span)
        etree.SubElement(properties, q("hMerge")).set(q("val"), "restart")
        previous = tc
        for _ in range(1, count):
            follower = etree.Element(q("tc"))
            etree.SubElement(etree.SubElement(follower, q("tcPr")), q("hMerge"))  # val omitted: "continue"
            etree.SubElement(follower, q("p"))
            previous.addnext(follower)
            previous = follower
    for run in list(root.iter(q("r"))):
        text = run.find(q("t"))
        if text is None or not text.text or len(text.text) < 2:
            continue
        properties = run.find(q("rPr"))
        if properties is None:
            properties = etree.Element(q("rPr"))
            run.insert(0, properties)
        etree.SubElement(properties, q("rFonts")).set(q("hint"), "eastAsia")
        second = copy.deepcopy(run)
        half = len(text.text) // 2
        second.find(q("t")).text, text.text = text.text[half:], text.text[:half]
        run.addnext(second)
    wps_namespace = "http://www.wps.cn/officeDocument/2013/wpsCustomData"
    document_xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).replace(
        b"<w:document ", f'<w:document xmlns:wpsCustomData="{wps_namespace}" '.encode(), 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = document_xml
            elif item.filename == "docProps/app.xml":
                content = re.sub(rb"<Application>[^<]*</Application>",
                                 b"<Application>WPS Office_12.1.0.16120_F1E327BC-269C-435d-A152-05C5408002CA"
                                 b"</Application>", content)
            target.writestr(item, content)
    return out.getvalue()
