"""表三 and 表四 sums: APPLY-BALANCE, APPLY-RESULTS-SUM, APPLY-ROW-SUM, APPEAL-SUM."""
import pytest

from reports.rules import evaluate


def rules_of(findings):
    return {f.rule for f in findings}


def test_a_consistent_report_passes(report_2021, report_2020):
    assert not [f for f in evaluate(report_2021) if f.rule.startswith(("APPLY", "APPEAL"))]
    assert not [f for f in evaluate(report_2020) if f.rule.startswith(("APPLY", "APPEAL"))]


def test_balance_names_both_sides_and_the_column(report_2021):
    cells = report_2021.cells
    cells["apply.new.natural"] += 1
    cells["apply.new.total"] += 1
    natural, _total = [f for f in evaluate(report_2021) if f.rule == "APPLY-BALANCE"]
    assert natural.severity == "error"
    assert natural.cells == (
        "apply.new.natural", "apply.carried_in.natural", "apply.total.natural", "apply.carried_over.natural",
    )
    finding = natural
    assert finding.message == "第一项加第二项之和（350）不等于第三项加第四项之和（349）（自然人）"


def test_balance_checks_every_column_even_when_the_total_column_balances(report_2021):
    cells = report_2021.cells
    cells["apply.new.natural"] += 1
    cells["apply.new.other"] -= 1
    findings = [f for f in evaluate(report_2021) if f.rule == "APPLY-BALANCE"]
    assert [f.message.rsplit("（", 1)[1] for f in findings] == ["自然人）", "其他）"]
    assert {f.cells[0] for f in findings} == {"apply.new.natural", "apply.new.other"}


@pytest.mark.parametrize(
    ("key", "rules"),
    [
        ("apply.granted.legal", {"APPLY-RESULTS-SUM", "APPLY-ROW-SUM"}),
        ("apply.granted.total", {"APPLY-RESULTS-SUM", "APPLY-ROW-SUM"}),
        ("apply.total.natural", {"APPLY-BALANCE", "APPLY-RESULTS-SUM", "APPLY-ROW-SUM"}),
        ("apply.total.total", {"APPLY-BALANCE", "APPLY-RESULTS-SUM", "APPLY-ROW-SUM"}),
        ("apply.carried_over.research", {"APPLY-BALANCE", "APPLY-ROW-SUM"}),
        ("apply.new.total", {"APPLY-BALANCE", "APPLY-ROW-SUM"}),
        ("appeal.review.upheld", {"APPEAL-SUM"}),
        ("appeal.suit_direct.total", {"APPEAL-SUM"}),
    ],
)
def test_one_changed_cell_breaks_its_sums(report_2021, key, rules):
    report_2021.cells[key] += 1
    findings = [f for f in evaluate(report_2021) if f.severity == "error"]
    assert rules_of(findings) == rules
    assert all(key in f.cells for f in findings)


def test_results_sum_message(report_2021):
    report_2021.cells["apply.total.business"] += 1
    messages = [f.message for f in evaluate(report_2021) if f.rule == "APPLY-RESULTS-SUM"]
    assert messages == ["（七）总计（6）不等于（一）予以公开至（六）其他处理3.其他之和（5）（商业企业）"]


def test_row_sum_message(report_2021):
    report_2021.cells["apply.new.total"] += 1
    messages = [f.message for f in evaluate(report_2021) if f.rule == "APPLY-ROW-SUM"]
    assert messages == [
        ("一、本年新收政府信息公开申请数量：总计（382）不等于"
        "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他之和（381）")
    ]


def test_appeal_sum_message(report_2021):
    report_2021.cells["appeal.review.pending"] += 1
    (finding,) = evaluate(report_2021)
    assert finding.rule == "APPEAL-SUM"
    assert finding.cells == (
        "appeal.review.total", "appeal.review.upheld", "appeal.review.corrected", "appeal.review.other",
        "appeal.review.pending",
    )
    assert finding.message == "行政复议：总计（8）不等于结果维持、结果纠正、其他结果、尚未审结之和（9）"


def test_blank_counts_as_zero_and_all_blank_is_skipped(report_2021):
    cells = report_2021.cells
    for key in [k for k in cells if k.startswith("appeal.review.")]:
        cells[key] = None
    assert not [f for f in evaluate(report_2021) if f.rule == "APPEAL-SUM"]
    cells["appeal.review.upheld"] = 2
    (finding,) = [f for f in evaluate(report_2021) if f.rule == "APPEAL-SUM"]
    assert "总计（0）" in finding.message
