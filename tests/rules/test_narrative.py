"""Narrative rules: TEXT-REQUIRED, TEXT-OVERVIEW-TOPICS, TEXT-PROBLEMS-SUBSTANCE, TEXT-FEE-STATEMENT,
APPLY-NO-FEE-TEXT, TEXT-GOV-OVERSIGHT."""
import dataclasses

import pytest

from reports.data import AgencyFacts

from .conftest import run

TOPICS = [
    "text.overview.active", "text.overview.on_request", "text.overview.management", "text.overview.platform",
    "text.overview.oversight",
]

OVERVIEW_EMPTY = (
    "一、总体情况：（一）主动公开、（二）依申请公开、（三）政府信息管理、（四）政府信息公开平台建设、（五）监督保障均未填写"
)


def blank(data, *keys):
    for key in keys:
        data.texts.pop(key, None)
    return data


@pytest.mark.parametrize(
    ("keys", "messages"),
    [
        ((), []),
        (("text.overview.active",), []),
        (("text.overview",), []),
        (TOPICS, [OVERVIEW_EMPTY]),
        (("text.problems",), ["五、存在的主要问题及改进情况未填写"]),
        (("text.other",), ["六、其他需要报告的事项未填写"]),
        ((*TOPICS, "text.problems", "text.other"),
         [OVERVIEW_EMPTY, "五、存在的主要问题及改进情况未填写", "六、其他需要报告的事项未填写"]),
    ],
)
def test_text_required(report_2021, keys, messages):
    findings = run(blank(report_2021, *keys), "TEXT-REQUIRED")
    assert [f.message for f in findings] == messages
    assert all(f.severity == "error" for f in findings)


def test_a_lead_paragraph_alone_does_not_fill_the_overview(report_2021):
    blank(report_2021, *TOPICS).texts["text.overview"] = "2024年，我局认真贯彻落实条例。"
    (finding,) = run(report_2021, "TEXT-REQUIRED")
    assert finding.texts == tuple(TOPICS)


def test_whitespace_is_not_text(report_2021):
    report_2021.texts["text.other"] = " \n　"
    assert [f.texts for f in run(report_2021, "TEXT-REQUIRED")] == [("text.other",)]


def test_overview_topics(report_2021, report_2020):
    blank(report_2021, "text.overview.on_request", "text.overview.management")
    findings = run(report_2021, "TEXT-OVERVIEW-TOPICS")
    assert [f.message for f in findings] == [
        "一、总体情况：“（二）依申请公开”没有单独的内容", "一、总体情况：“（三）政府信息管理”没有单独的内容",
    ]
    assert [f.texts for f in findings] == [("text.overview.on_request",), ("text.overview.management",)]
    assert {f.severity for f in findings} == {"warning"}
    assert run(blank(report_2020, "text.overview.on_request"), "TEXT-OVERVIEW-TOPICS") == []  # gov-2021 only


def test_overview_topics_leave_an_empty_overview_to_text_required(report_2021):
    assert run(blank(report_2021, *TOPICS), "TEXT-OVERVIEW-TOPICS") == []


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("无", True),
        ("无。", True),
        ("暂无。", True),
        ("工作有待加强，将继续改进。", True),
        ("存在的问题：政策解读形式较为单一，信息更新及时性有待提高。改进措施：加强业务培训，完善审核机制。", False),
        ("", False),  # TEXT-REQUIRED's business
    ],
)
def test_problems_substance(report_2021, text, warned):
    report_2021.texts["text.problems"] = text
    findings = run(report_2021, "TEXT-PROBLEMS-SUBSTANCE")
    assert bool(findings) == warned
    if warned:
        assert findings[0].texts == ("text.problems",)
        assert findings[0].message.startswith("五、存在的主要问题及改进情况仅有")


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("本年度未收取信息处理费。", False),
        ("本机关依法收取信息处理费0.12万元。", False),
        ("无", True),
        ("我办无其他需要报告的事项。", True),
    ],
)
def test_fee_statement(report_2021, text, warned):
    report_2021.texts["text.other"] = text
    findings = run(report_2021, "TEXT-FEE-STATEMENT")
    assert bool(findings) == warned
    if warned:
        assert findings[0].message == (
            "六、其他需要报告的事项未说明信息处理费的收取情况（未收取的也应写明“未收取信息处理费”）")


def test_fee_statement_is_not_required_by_gov_2019(report_2020):
    report_2020.texts["text.other"] = "无"
    assert run(report_2020, "TEXT-FEE-STATEMENT") == []


@pytest.mark.parametrize(
    ("no_fee", "text", "warned"),
    [
        (35, "无其他需要报告的事项。", True),
        (35, "本年度发出信息处理费收费通知35件，申请人均未缴纳。", False),
        (0, "无其他需要报告的事项。", False),
        (None, "无其他需要报告的事项。", False),
    ],
)
def test_no_fee_text(report_2021, no_fee, text, warned):
    report_2021.cells["apply.other.no_fee.total"] = no_fee
    report_2021.texts["text.other"] = text
    findings = run(report_2021, "APPLY-NO-FEE-TEXT")
    assert bool(findings) == warned
    if warned:
        assert findings[0].cells == ("apply.other.no_fee.total",)
        assert findings[0].texts == ("text.other",)
        assert findings[0].message.startswith("（六）其他处理2.申请人逾期未按收费通知要求缴纳费用")
        assert findings[0].message.endswith("（总计）为35，但六、其他需要报告的事项未提及信息处理费")


GOVERNMENT = AgencyFacts(kind="government", level="county")


@pytest.mark.parametrize(
    ("text", "facts", "agency", "missing"),
    [
        ("将政务公开纳入工作考核，开展社会评议，未发生责任追究情况。", GOVERNMENT, "", None),
        ("加强组织领导。", GOVERNMENT, "", "工作考核、社会评议、责任追究"),
        ("纳入绩效考核，开展社会评议。", GOVERNMENT, "", "责任追究"),
        ("", GOVERNMENT, "", "工作考核、社会评议、责任追究"),
        ("加强组织领导。", AgencyFacts(kind="department"), "", None),
        ("加强组织领导。", None, "某某区人民政府", "工作考核、社会评议、责任追究"),
        ("加强组织领导。", None, "某某区信访局", None),
    ],
)
def test_government_oversight(report_2021, text, facts, agency, missing):
    report_2021.texts["text.overview.oversight"] = text
    if agency:
        report_2021 = dataclasses.replace(report_2021, agency=agency)
    findings = run(report_2021, "TEXT-GOV-OVERSIGHT", facts=facts)
    assert [f.message for f in findings] == (
        [] if missing is None else [f"人民政府的报告中，（五）监督保障未提及{missing}结果情况"]
    )
