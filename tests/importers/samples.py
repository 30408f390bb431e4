"""Reports generated from the format definitions, with a distinct value in every cell, and their printouts."""
from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from reports.data import ReportData
from reports.formats import AMOUNT, SIGNED, VALUE, get_format

AGENCY = "测试市测试区测试局"


def sample_texts(year: int) -> dict[str, str]:
    return {
        "text.preamble": f"本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{year}年1月1日起至"
        f"{year}年12月31日止。\n\n如对本报告有疑问，请与测试局办公室联系（电话：0123-4567890）。",
        "text.overview": f"{year}年，测试局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。",
        "text.overview.active": "全年主动公开政府信息1234条，其中政策文件56条。\n\n加强政策解读，发布解读材料12篇。",
        "text.overview.on_request": "全年收到政府信息公开申请若干件，均在法定期限内答复。",
        "text.overview.management": "严格落实信息发布审核制度，坚持先审后发。",
        "text.overview.platform": "加强政府网站信息公开专栏建设，及时维护更新栏目内容。",
        "text.overview.oversight": "成立政务公开工作领导小组，定期开展业务培训和自查。",
        "text.problems": "存在的问题：政策解读形式较为单一。\n\n**改进措施：**丰富解读形式，提升公开质量。",
        "text.other": "本年度未收取信息处理费。",
    }


def sample_value(field, index: int):
    if field.kind == AMOUNT:
        return Decimal(f"{index + 1}.{(index * 37) % 10000:04d}")
    if field.kind == SIGNED and index % 2:
        return -(index + 1)
    return index + 1


def sample_data(format_id: str = "gov-2021", year: int | None = None) -> ReportData:
    fmt = get_format(format_id)
    year = year or fmt.first_year + 1
    return ReportData(
        format=fmt,
        year=year,
        agency=AGENCY,
        title=f"{AGENCY}{year}年政府信息公开工作年度报告",
        signed_on=date(year + 1, 1, 20),
        texts=sample_texts(year),
        cells={f.key: sample_value(f, i) for i, f in enumerate(fmt.fields)},
    )


def printed(field, value) -> str:
    if value is None:
        return ""
    return f"{value:.{field.decimals}f}" if field.kind == AMOUNT else str(value)


def _cell_text(cell, data: ReportData) -> str:
    return printed(data.format.field(cell.key), data.value(cell.key)) if cell.role == VALUE else cell.text


def grid_rows(table, data: ReportData) -> list[list[str]]:
    """The table as a web page copy shows it: one string per grid column, merged cells left empty."""
    rows = [[""] * table.columns for _ in table.rows()]
    for p in (p for row in table.placed() for p in row):
        rows[p.row][p.col] = _cell_text(p.cell, data)
    return rows


def report_blocks(data: ReportData) -> list[tuple[str, object]]:
    """The printout as blocks: ("title"|"heading"|"subheading"|"paragraph"|"signature", text) and ("table", Table)."""
    blocks: list[tuple[str, object]] = [("title", data.title)]
    blocks += [("paragraph", p) for p in data.text("text.preamble").split("\n\n") if p]
    for section in data.format.sections:
        blocks.append(("heading", section.heading))
        for text_field in section.texts:
            if text_field.label.startswith("（"):
                blocks.append(("subheading", text_field.label))
            blocks += [("paragraph", p) for p in data.text(text_field.key).split("\n\n") if p]
        if section.table is not None:
            blocks.append(("table", section.table))
    day = data.signed_on
    blocks += [("signature", data.agency), ("signature", f"{day.year}年{day.month}月{day.day}日")]
    return blocks


def render_text(data: ReportData, sep: str = "\t") -> list[str]:
    """The report as text lines, tables with cells separated by `sep`."""
    lines: list[str] = []
    for kind, item in report_blocks(data):
        if kind == "table":
            lines += [sep.join(row) for row in grid_rows(item, data)]
            lines.append("")
        else:
            lines += [str(item), ""]
    return lines


def render_docx(data: ReportData) -> bytes:
    """A DOCX built with python-docx: real tables with the official merged cells."""
    import docx

    document = docx.Document()
    for kind, item in report_blocks(data):
        if kind != "table":
            document.add_paragraph(str(item))
            continue
        table = document.add_table(rows=len(item.rows()), cols=item.columns)
        for p in (p for row in item.placed() for p in row):
            target = table.cell(p.row, p.col)
            end = table.cell(p.row + p.cell.rowspan - 1, p.col + p.cell.colspan - 1)
            if end._tc is not target._tc:
                target = target.merge(end)
            target.text = _cell_text(p.cell, data)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()




def render_html(data: ReportData, *, ruled: bool = True) -> str:
    """Simple HTML of the report, tables with their merged cells, for WeasyPrint."""
    from html import escape

    parts = []
    for kind, item in report_blocks(data):
        if kind != "table":
            tag = {"title": "h1", "heading": "h2", "subheading": "h3"}.get(kind, "p")
            parts.append(f"<{tag}>{escape(str(item))}</{tag}>")
            continue
        rows = []
        for grid_row in item.rows():
            cells = [f'<td colspan="{c.colspan}" rowspan="{c.rowspan}">{escape(_cell_text(c, data))}</td>'
                     for c in grid_row]
            rows.append(f"<tr>{''.join(cells)}</tr>")
        parts.append(f"<table>{''.join(rows)}</table>")
    border = "border: 0.5pt solid black;" if ruled else ""
    style = (f"body {{ font-family: 'Noto Serif CJK SC'; font-size: 11pt; }} table {{ border-collapse: collapse; }}"
             f" td {{ {border} font-size: 7pt; padding: 1pt; }}")
    return f"<html><head><meta charset='utf-8'><style>{style}</style></head><body>{''.join(parts)}</body></html>"
