"""Structure rules: FORMAT-YEAR, META-TITLE, META-DATE, META-STALE-REFERENCE."""
import dataclasses
from datetime import date

import pytest

from reports.data import AgencyFacts
from reports.formats import GOV_2019, GOV_2021

from .conftest import run


@pytest.mark.parametrize(
    ("year", "fmt", "message"),
    [
        (2024, GOV_2021, None),
        (2021, GOV_2021, None),
        (2020, GOV_2019, None),
        (2019, GOV_2019, None),
        (2020, GOV_2021, ("2020年度的报告应使用《中华人民共和国政府信息公开工作年度报告格式（试行）》，"
                         "而不是《中华人民共和国政府信息公开工作年度报告格式》")),
        (2022, GOV_2019, ("2022年度的报告应使用《中华人民共和国政府信息公开工作年度报告格式》，"
                         "而不是《中华人民共和国政府信息公开工作年度报告格式（试行）》")),
        (2015, GOV_2019, "没有适用于2015年度的报告格式"),
    ],
)
def test_format_year(report_2021, year, fmt, message):
    data = dataclasses.replace(report_2021, year=year, format=fmt, title="", signed_on=None)
    findings = run(data, "FORMAT-YEAR")
    assert [f.message for f in findings] == ([message] if message else [])
    assert all(f.severity == "error" for f in findings)


@pytest.mark.parametrize(
    ("agency", "title", "expected"),
    [
        ("测试区测试局", "测试区测试局2024年政府信息公开工作年度报告", None),
        ("测试区测试局", "", None),  # the default title is right by construction
        ("测试区测试局", " 测试区测试局2024年政府信息公开工作年度报告 ", None),
        ("测试区测试局", "2024年政府信息公开工作年度报告", "测试区测试局2024年政府信息公开工作年度报告"),
        ("测试区测试局", "测试区测试局2024年信息公开工作年度报告", "测试区测试局2024年政府信息公开工作年度报告"),
        ("测试区测试局", "测试局2024年政府信息公开工作年度报告", "测试区测试局2024年政府信息公开工作年度报告"),
        ("", "某局2024年政府信息公开工作年度报告", None),
        ("", "2024年政府信息公开工作年度报告", "（机关全称）2024年政府信息公开工作年度报告"),
    ],
)
def test_meta_title(report_2021, agency, title, expected):
    data = dataclasses.replace(report_2021, agency=agency, title=title)
    findings = run(data, "META-TITLE")
    assert [f.message for f in findings] == ([f"标题“{title}”应为“{expected}”"] if expected else [])
    assert all(f.severity == "warning" and finding_is_cover(f) for f in findings)


@pytest.mark.parametrize(("title", "refused"), [
    ("测试区测试局2024年政府信息公开工作年度报告", False),
    ("", False),
    ("测试局2024年报告（第1.5版）", False),
    ("../../etc/测试局2024年报告", True),
    ("测试局/2024年报告", True),
    ("测试局\\2024年报告", True),
    ("..测试局", True),
    (".hidden", True),
])
def test_a_title_that_is_a_path_blocks_submission(report_2021, title, refused):
    findings = run(dataclasses.replace(report_2021, title=title), "META-TITLE-PATH")
    assert bool(findings) == refused
    assert all(f.severity == "error" and finding_is_cover(f) and "不能用作文件名" in f.message for f in findings)


def finding_is_cover(finding):
    from reports.rules import finding_sections

    return finding_sections(finding) == ("cover",)


DEADLINE = AgencyFacts(deadline=date(2025, 1, 31))


@pytest.mark.parametrize(
    ("signed_on", "facts", "stage", "message"),
    [
        (date(2025, 1, 20), DEADLINE, "draft", None),
        (date(2025, 1, 31), DEADLINE, "draft", None),
        (date(2025, 2, 1), DEADLINE, "draft", "报告落款日期2025年2月1日晚于公开期限2025年1月31日"),
        (date(2025, 3, 20), None, "draft", None),  # no deadline known
        (date(2024, 1, 15), None, "draft", "报告落款日期为2024年1月15日，应在2025年内"),
        (date(2024, 12, 30), DEADLINE, "draft", "报告落款日期为2024年12月30日，应在2025年内"),
        (None, DEADLINE, "draft", None),
        (None, DEADLINE, "submit", None),  # META-DATE-MISSING's finding
    ],
)
def test_meta_date(report_2021, signed_on, facts, stage, message):
    data = dataclasses.replace(report_2021, signed_on=signed_on)
    findings = run(data, "META-DATE", facts=facts, stage=stage)
    assert [f.message for f in findings] == ([message] if message else [])
    assert all(f.severity == "warning" for f in findings)


@pytest.mark.parametrize(("signed_on", "stage", "found"), [
    (None, "submit", True), (None, "draft", False), (date(2025, 1, 20), "submit", False),
])
def test_an_undated_report_cannot_be_submitted(report_2021, signed_on, stage, found):
    data = dataclasses.replace(report_2021, signed_on=signed_on)
    findings = run(data, "META-DATE-MISSING", stage=stage)
    assert [(f.severity, f.message) for f in findings] == ([("error", "报告没有落款日期")] if found else [])


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("认真落实《2024年政务公开工作要点》。", []),
        ("认真落实《2023年政务公开工作要点》。", ["《2023年政务公开工作要点》"]),
        ("按照《国务院办公厅关于印发2023年政务公开工作要点的通知》要求。", [
            "《国务院办公厅关于印发2023年政务公开工作要点的通知》"]),
        ("对照《某某局2023年政府信息公开工作年度报告》中的问题逐项整改。", []),
        ("落实《法治政府建设实施纲要（2021—2025年）》。", []),
        ("落实《2021—2025年政务公开工作规划实施方案》。", []),
        ("本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。", []),
        ("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", ["统计期限自2023年"]),
    ],
)
def test_stale_reference(report_2021, text, quotes):
    report_2021.texts["text.preamble"] = text
    findings = run(report_2021, "META-STALE-REFERENCE")
    assert [f.severity for f in findings] == ["info"] * len(quotes)
    assert all(q in f.message for f, q in zip(findings, quotes))
    assert all(f.texts == ("text.preamble",) for f in findings)


def test_stale_reference_message(report_2021):
    report_2021.texts["text.other"] = "认真落实《2023年政务公开工作要点》。"
    (finding,) = run(report_2021, "META-STALE-REFERENCE")
    assert finding.message == (
        "2024年度报告的六、其他需要报告的事项引用了2023年的“《2023年政务公开工作要点》”，请核实是否应为本年度的文件"
    )
