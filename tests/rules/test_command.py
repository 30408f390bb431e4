"""The validate_report command: findings, exit status, --json, --last-year, stored reports."""
import copy
import json

import pytest
from django.core.management import call_command

from reports.interchange import to_json
from reports.services import report_replace_content
from tests.factories import AgencyFactory, ReportFactory

from .conftest import FIXTURES, load_case

CONSISTENT = FIXTURES / "case-000.json"
BROKEN = FIXTURES / "case-002.json"


def validate(*args):
    """(exit status, stdout, stderr) of the command."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("validate_report", *[str(a) for a in args], stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def write(tmp_path, name, doc):
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_consistent_report_exits_0():
    code, out, err = validate(CONSISTENT)
    assert (code, err) == (0, "")
    assert "错误0项" in out or "未发现问题" in out


def test_an_inconsistent_report_exits_1_and_lists_the_findings_in_chinese():
    code, out, _err = validate(BROKEN)
    assert code == 1
    assert "[错误] APPLY-BALANCE  第一项加第二项之和（7）不等于第三项加第四项之和（6）（商业企业）" in out
    assert "共有错误2项" in out


def test_json_output_is_only_the_findings():
    code, out, err = validate(BROKEN, "--json")
    assert (code, err) == (1, "")
    findings = json.loads(out)
    assert [f["rule"] for f in findings] == ["APPLY-BALANCE", "APPLY-BALANCE"]
    assert set(findings[0]) == {"rule", "severity", "cells", "message"}
    assert findings[0]["cells"] == [
        "apply.new.business", "apply.carried_in.business", "apply.total.business", "apply.carried_over.business"]


def test_json_output_of_a_clean_report_is_an_empty_list():
    code, out, _err = validate(CONSISTENT, "--json")
    assert code == 0
    assert json.loads(out) == []


def test_warnings_alone_exit_0(tmp_path):
    doc = json.loads(CONSISTENT.read_text(encoding="utf-8"))
    doc["texts"]["text.other"] = "无"
    code, out, _err = validate(write(tmp_path, "r.json", doc), "--json")
    assert code == 0
    assert {f["severity"] for f in json.loads(out)} == {"warning"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "不存在"),
        ("{not json", "不是有效的JSON（第1行第2列）"),
        ("[1, 2]", ""),
        ('{"year": 2024, "format": "gov-2030"}', ""),
        ('{"format": "gov-2021"}', ""),
    ],
)
def test_unreadable_input_exits_2_with_one_line(tmp_path, content, message):
    path = tmp_path / "missing.json" if content is None else write(tmp_path, "bad.json", content)
    code, out, err = validate(path, "--json")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert "Traceback" not in err


def test_unknown_keys_and_bad_values_are_reported_by_name(tmp_path):
    doc = json.loads(CONSISTENT.read_text(encoding="utf-8"))
    doc["cells"]["apply.granted.everyone"] = 1
    doc["cells"]["apply.granted.natural"] = "十二"
    doc["case"], doc["notes"], doc["expected_errors"] = "annotated", "ignored", ["X"]
    code, out, _err = validate(write(tmp_path, "r.json", doc), "--json")
    assert code == 1
    findings = json.loads(out)
    assert {"cells": ["apply.granted.everyone"], "rule": "INPUT-UNKNOWN-KEY"} in [
        {"cells": f["cells"], "rule": f["rule"]} for f in findings]
    assert any(f["rule"] == "VALUE-INTEGER" and f["cells"] == ["apply.granted.natural"] for f in findings)


def test_last_year_file_enables_cross_year_rules(tmp_path):
    _doc, data = load_case(CONSISTENT)
    last = copy.deepcopy(data)
    last.year, last.signed_on = 2023, None
    for col in ("natural", "business", "research", "nonprofit", "legal", "other", "total"):
        last.cells[f"apply.carried_over.{col}"] = data.cells[f"apply.carried_in.{col}"]
    last.cells["apply.carried_over.natural"] += 3
    last.cells["apply.carried_over.total"] += 3
    last.texts = {"text.other": "未收取信息处理费。"}
    last_path = write(tmp_path, "last.json", to_json(last))
    code, out, _err = validate(CONSISTENT, "--last-year", last_path, "--json")
    assert code == 0
    assert [f["cells"] for f in json.loads(out) if f["rule"] == "APPLY-CARRY-IN"] == [
        ["apply.carried_in.natural"], ["apply.carried_in.total"]]


def test_last_year_file_of_the_wrong_year_exits_2(tmp_path):
    code, _out, err = validate(CONSISTENT, "--last-year", CONSISTENT)
    assert code == 2
    assert "上年度报告是2024年度的" in err


def test_submit_stage_is_the_default(tmp_path):
    doc = json.loads(CONSISTENT.read_text(encoding="utf-8"))
    del doc["cells"]["active.penalty.decided"]
    path = write(tmp_path, "r.json", doc)
    assert validate(path)[0] == 1
    assert validate(path, "--stage", "draft")[0] == 0


@pytest.mark.django_db
def test_stored_report(tmp_path):
    _doc, data = load_case(BROKEN)
    agency = AgencyFactory(code="xinfang", name=data.agency)
    report = ReportFactory(agency=agency, year=2024)
    report_replace_content(report=report, data=data)
    code, out, _err = validate("--agency", "xinfang", "--year", 2024, "--json")
    assert code == 1
    assert {f["rule"] for f in json.loads(out) if f["severity"] == "error"} == {"APPLY-BALANCE"}


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "year", "message"), [("nobody", 2024, "没有代码为“nobody”的机关"),
                                                        ("xinfang", 2023, "没有2023年度的报告")])
def test_missing_stored_report_exits_2(code, year, message):
    AgencyFactory(code="xinfang")
    status, _out, err = validate("--agency", code, "--year", year)
    assert status == 2
    assert message in err


def test_file_and_agency_together_exit_2():
    assert validate(CONSISTENT, "--agency", "x", "--year", 2024)[0] == 2
    assert validate()[0] == 2
