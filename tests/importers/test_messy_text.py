"""Generated reports of both formats, printed as text and mangled the way real copies are."""
import re
import unicodedata

import pytest

from reports.importers.parse import parse_lines
from reports.importers.text import read_text
from reports.interchange import to_json

from .samples import render_text, sample_data

FORMATS = ["gov-2021", "gov-2019"]


def _parse(lines, **kwargs):
    return parse_lines(read_text("\n".join(lines)), source="test.txt", **kwargs).to_json(findings=False)


def _expected(data):
    return to_json(data)


def _index(lines, fragment):
    return next(i for i, line in enumerate(lines) if fragment in line)


def _messages(doc, group="warnings"):
    return " ".join(i["message"] for i in doc[group])


@pytest.mark.parametrize("format_id", FORMATS)
def test_tab_separated_copy_imports_exactly(format_id):
    data = sample_data(format_id)
    doc = _parse(render_text(data))
    expected = _expected(data)
    assert doc["cells"] == expected["cells"]
    assert doc["texts"] == expected["texts"]
    assert (doc["format"], doc["year"], doc["agency"], doc["signed_on"]) == (
        format_id, data.year, data.agency, expected["signed_on"])
    assert doc["unmapped"] == [] and doc["warnings"] == []


def _markdown(lines):
    out = []
    for line in lines:
        if "\t" in line:
            out.append("| " + " | ".join(line.split("\t")) + " |")
            if len(out) < 2 or not out[-2].startswith("|"):
                out.append("|" + "---|" * line.count("\t") + "-|")
        elif re.match(r"^[一二三四五六]、", line):
            out.append("## " + line)
            if line[0] in "二三四":
                out.append(f"### 表{line[0]}：{line[2:]}")
        elif line.startswith("（"):
            out.append("### " + line)
        else:
            out.append(line)
    return out


@pytest.mark.parametrize("format_id", FORMATS)
@pytest.mark.parametrize("style", ["markdown", "spaces", "single-spaces"])
def test_table_cell_separators(format_id, style):
    data = sample_data(format_id)
    lines = render_text(data)
    if style == "markdown":
        lines = _markdown(lines)
    elif style == "spaces":
        lines = [line.replace("\t", "    ") for line in lines]
    else:  # text extracted from a PDF: single spaces, merged cells gone
        lines = [" ".join(c for c in line.split("\t") if c) for line in lines]
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]
    assert doc["texts"] == _expected(data)["texts"]
    assert doc["unmapped"] == []


@pytest.mark.parametrize("format_id", FORMATS)
def test_full_width_digits_half_width_brackets_and_enumeration_commas(format_id):
    data = sample_data(format_id)
    wide = str.maketrans("0123456789.", "０１２３４５６７８９．")
    lines = []
    for line in render_text(data):
        if "\t" in line:
            cells = [c.translate(wide) if re.fullmatch(r"[\d.-]+", c) else c for c in line.split("\t")]
            line = "\t".join(cells).replace("（", "(").replace("）", ")")
            line = re.sub(r"(^|\t)(\d)\.", r"\1\2、", line)
        lines.append(line)
    lines = [line.replace("（一）主动公开", "(一) 主动公开") for line in lines]
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]
    assert doc["texts"]["text.overview.active"] == data.texts["text.overview.active"]
    assert doc["unmapped"] == [] and doc["warnings"] == []


def test_page_numbers_running_headers_and_stray_text_inside_a_table():
    data = sample_data()
    lines = render_text(data)
    at = _index(lines, "5.属于三类内部事务信息")
    lines[at:at] = ["-4-", "— 5 —", data.title, "第 3 页", "单位：件"]
    at = _index(lines, "2.重复申请")
    lines[at:at] = ["注：本表数据由办公室统计，如有疑问请联系综合科核实有关情况"]
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]
    assert [u["source"] for u in doc["unmapped"]] == ["注：本表数据由办公室统计，如有疑问请联系综合科核实有关情况"]


@pytest.mark.parametrize("format_id", FORMATS)
def test_rows_whose_labels_were_lost_are_placed_by_position(format_id):
    data = sample_data(format_id)
    lines = render_text(data)
    for label in ("5.属于三类内部事务信息", "6.属于四类过程性信息", "1.本机关不掌握相关政府信息", "行政强制"):
        at = _index(lines, label)
        lines[at] = "\t".join(c for c in lines[at].split("\t") if re.fullmatch(r"[\d.-]+", c))
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]
    placed = [w for w in doc["warnings"] if "apply.denied.internal.natural" in w.get("keys", [])]
    assert placed and "5.属于三类内部事务信息" in placed[0]["message"]
    assert len(doc["warnings"]) == 4


def test_labels_split_across_lines():
    data = sample_data()
    lines = render_text(data)
    at = _index(lines, "1.申请人无正当理由逾期不补正")
    cells = lines[at].split("\t")
    label_at = next(i for i, c in enumerate(cells) if c.startswith("1.申请人"))
    label = cells[label_at]
    lines[at:at + 1] = [label[:12], "\t".join(cells[:label_at] + [label[12:]] + cells[label_at + 1:])]
    at = _index(lines, "3.要求提供公开出版物")
    cells = lines[at].split("\t")
    values = [c for c in cells if re.fullmatch(r"\d+", c)]
    lines[at:at + 1] = ["3.要求提供公开出版物", "\t".join(values)]
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]
    assert doc["unmapped"] == []


def test_fragments_duplicated_by_pdf_extraction():
    data = sample_data()
    lines = render_text(data)
    lines = ["".join(ch * 2 for ch in line) if line == "一、总体情况" else line for line in lines]
    at = _index(lines, "规章")
    lines[at] = lines[at].replace("规章", "规章规章")
    at = _index(lines, "4.保护第三方合法权益")
    lines.insert(at, lines[at])  # the same row extracted twice
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]
    assert doc["texts"]["text.overview"] == data.texts["text.overview"]
    assert doc["unmapped"] == []


def test_older_and_altered_labels_are_matched_by_similarity_and_reported():
    data = sample_data()
    lines = [line.replace("行政规范性文件", "规范性文件").replace("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开")
             for line in render_text(data)]
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]
    assert "“规范性文件”" in _messages(doc) and "“2.其他法律法规禁止公开”" in _messages(doc)


def test_2021_report_printing_other_handling_as_one_row():
    data = sample_data()
    lines = render_text(data)
    first = _index(lines, "1.申请人无正当理由逾期不补正")
    lines[first:first + 3] = ["\t（六）其他处理\t\t" + "\t".join(["9"] * 7)]
    doc = _parse(lines)
    expected = {k: v for k, v in _expected(data)["cells"].items() if not k.startswith("apply.other.")}
    assert doc["cells"] == expected
    assert [u["source"] for u in doc["unmapped"]] == ["（六）其他处理 9 9 9 9 9 9 9"]


def test_blank_cells_stay_blank_never_zero():
    data = sample_data()
    lines = render_text(data)
    at = _index(lines, "一、本年新收政府信息公开申请数量")
    cells = lines[at].split("\t")
    cells[4], cells[5] = "", "/"
    lines[at] = "\t".join(cells)
    at = _index(lines, "行政许可")
    lines[at] = "行政许可\t—"
    doc = _parse(lines)
    assert "apply.new.business" not in doc["cells"] and "apply.new.research" not in doc["cells"]
    assert "active.license.decided" not in doc["cells"]
    assert doc["cells"]["apply.new.natural"] == data.cells["apply.new.natural"]
    assert doc["cells"]["apply.new.nonprofit"] == data.cells["apply.new.nonprofit"]
    assert doc["unmapped"] == []


def test_a_row_with_too_few_values_is_not_guessed():
    data = sample_data()
    lines = render_text(data)
    at = _index(lines, "二、上年结转政府信息公开申请数量")
    lines[at] = "二、上年结转政府信息公开申请数量\t1\t2\t3"
    doc = _parse(lines)
    assert not any(k.startswith("apply.carried_in.") for k in doc["cells"])
    assert doc["unmapped"][0]["source"] == "二、上年结转政府信息公开申请数量 1 2 3"


def test_invalid_value_goes_to_unmapped_with_its_text():
    data = sample_data()
    lines = render_text(data)
    at = _index(lines, "行政事业性收费")
    lines[at] = "行政事业性收费\t1.234567"
    doc = _parse(lines)
    assert "active.fees.amount" not in doc["cells"]
    assert doc["unmapped"][0]["keys"] == ["active.fees.amount"]


def test_format_follows_the_table_shapes_when_they_contradict_the_year():
    data = sample_data("gov-2019")
    lines = [line.replace("2020年政府信息公开", "2021年政府信息公开") for line in render_text(data)]
    doc = _parse(lines)
    assert (doc["year"], doc["format"]) == (2021, "gov-2019")
    assert "gov-2019" in _messages(doc)
    assert doc["cells"] == _expected(data)["cells"]


def test_portal_furniture_title_without_year_and_chinese_numeral_date():
    data = sample_data()
    lines = render_text(data)
    lines[0] = "测试市测试区测试局政府信息公开工作年度报告（2022年）"
    lines[0:0] = ["首页 > 政务公开 > 年度报告", "发布时间：2023-01-20 来源：测试局", ""]
    lines[-2] = "二〇二三年一月二十日"
    lines += ["【打印】 【关闭】", "扫一扫在手机打开当前页", "上一篇：测试局2021年政府信息公开工作年度报告"]
    doc = _parse(lines)
    assert doc["year"] == 2022
    assert doc["signed_on"] == "2023-01-20"
    assert doc["texts"]["text.preamble"] == data.texts["text.preamble"]
    assert doc["cells"] == _expected(data)["cells"]


def test_year_from_the_statistics_period_when_the_title_has_none():
    data = sample_data()
    lines = render_text(data)
    lines[0] = "测试市测试区测试局政府信息公开工作年度报告"
    doc = _parse(lines)
    assert doc["year"] == data.year and doc["title"] == lines[0]


def test_hard_wrapped_paragraphs_are_joined():
    data = sample_data()
    texts = {p for key in ("text.overview", "text.overview.active", "text.problems") for p in data.texts[key].split("\n\n")}
    lines = []
    for line in render_text(data):
        lines += [line[i:i + 16] for i in range(0, len(line), 16)] if line in texts else [line]
    doc = _parse(lines)
    for key in ("text.overview", "text.overview.active", "text.problems"):
        assert doc["texts"][key] == data.texts[key]


@pytest.mark.parametrize("labelled", [True, False])
def test_appeal_table_printed_as_three_rows_of_five(labelled):
    data = sample_data()
    lines = render_text(data)
    at = _index(lines, "\t".join(str(data.cells[f"appeal.review.{r}"]) for r in ("upheld", "corrected")))
    rows = []
    for group, label in (("review", "行政复议"), ("suit_direct", "未经复议直接起诉"), ("suit_after_review", "复议后起诉")):
        values = [str(data.cells[f"appeal.{group}.{r}"]) for r in ("upheld", "corrected", "other", "pending", "total")]
        rows.append("\t".join(([label] if labelled else []) + values))
    lines[at:at + 1] = rows
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]
    assert doc["unmapped"] == []


@pytest.mark.parametrize("style", ["### {}", "**{}**", "{}", "1.{}"])
def test_overview_topic_headings_without_chinese_ordinals(style):
    data = sample_data()
    lines = render_text(data)
    for label in ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"):
        at = lines.index(label)
        lines[at] = style.format(label[3:] + "情况")
    doc = _parse(lines)
    assert doc["texts"] == _expected(data)["texts"]


def test_empty_cells_at_the_end_of_a_tab_separated_row_are_blank_and_reported():
    data = sample_data()
    lines = render_text(data)
    at = _index(lines, "一、本年新收政府信息公开申请数量")
    cells = lines[at].split("\t")
    cells[-1] = cells[-2] = ""
    lines[at] = "\t".join(cells)
    doc = _parse(lines)
    assert "apply.new.total" not in doc["cells"] and "apply.new.other" not in doc["cells"]
    assert doc["cells"]["apply.new.legal"] == data.cells["apply.new.legal"]
    assert "apply.new.total" in doc["warnings"][0]["keys"]


def _wrap(text, width):
    """Cut text into lines of at most `width` columns, a CJK character taking two, as a PDF extractor does."""
    lines, line, used = [], "", 0
    for char in text:
        size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > width:
            lines.append(line)
            line, used = "", 0
        line, used = line + char, used + size
    return lines + [line]


def test_hard_wrapped_text_with_indented_paragraphs_and_no_blank_lines():
    data = sample_data()
    paragraphs = {p for key in data.format.text_keys for p in data.texts.get(key, "").split("\n\n") if p}
    lines = []
    for line in render_text(data):
        if line in paragraphs:
            lines += _wrap("\u3000\u3000" + line, 28)
        elif line or (lines and "\t" in lines[-1]):
            lines.append(line)
    doc = _parse(lines)
    assert doc["texts"] == _expected(data)["texts"]
    assert doc["cells"] == _expected(data)["cells"]


def test_labels_printed_without_their_numbering():
    data = sample_data()
    lines = [re.sub(r"(^|\t)(?:\d\.|（[一二三四五六七]）|[一二三四]、)(?=[^\t\d（])", r"\1", line) if "\t" in line else line
             for line in render_text(data)]
    assert any(line.startswith("本年新收政府信息公开申请数量") for line in lines)
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]
    assert doc["unmapped"] == [] and doc["warnings"] == []


@pytest.mark.parametrize("printed", ["2023.1.20", "2023-01-20", "2023 年 1 月 20 日", "测试局  2023年1月20日"])
def test_signature_dates_as_printed(printed):
    data = sample_data()
    lines = render_text(data)
    lines[-2] = printed
    if "局" in printed:  # name and date on one line
        lines[-4] = ""
    doc = _parse(lines)
    assert doc["signed_on"] == "2023-01-20"
    assert doc["texts"]["text.other"] == data.texts["text.other"]


def test_values_printed_with_units():
    data = sample_data()
    lines = render_text(data)
    at = _index(lines, "行政许可")
    lines[at] = f"行政许可\t{data.cells['active.license.decided']}件"
    at = _index(lines, "行政事业性收费")
    lines[at] = "行政事业性收费\t12元"
    doc = _parse(lines)
    assert doc["cells"]["active.license.decided"] == data.cells["active.license.decided"]
    assert "active.fees.amount" not in doc["cells"]
    assert doc["unmapped"][0]["keys"] == ["active.fees.amount"] and "12元" in doc["unmapped"][0]["source"]


def test_first_value_glued_to_its_label():
    data = sample_data()
    lines = [" ".join(c for c in line.split("\t") if c) for line in render_text(data)]
    at = _index(lines, "行政规范性文件")
    lines[at] = lines[at].replace("行政规范性文件 ", "行政规范性文件")
    at = _index(lines, "行政强制")
    lines[at] = lines[at].replace("行政强制 ", "行政强制")
    doc = _parse(lines)
    assert doc["cells"] == _expected(data)["cells"]


def test_numbers_that_no_row_took_are_reported():
    data = sample_data()
    lines = render_text(data)
    at = _index(lines, "行政许可")
    lines[at] = "行政许可7件次"
    doc = _parse(lines)
    assert "active.license.decided" not in doc["cells"]
    assert doc["unmapped"][0]["source"] == "行政许可7件次"
