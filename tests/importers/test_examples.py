"""The two published example reports import with exactly their expected values."""
import json

import pytest

from reports.importers.parse import parse_lines
from reports.importers.text import read_text

EXAMPLES = ["gulou-xinfang-2021", "xigong-shequ-2021"]


def _import(fixture_path, name):
    text = fixture_path(f"{name}.txt").read_text(encoding="utf-8")
    return parse_lines(read_text(text), source=f"{name}.txt").to_json(findings=False)


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_values_match_exactly(fixture_path, name):
    expected = json.loads(fixture_path(f"{name}.expected.json").read_text(encoding="utf-8"))
    doc = _import(fixture_path, name)
    assert doc["format"] == expected["format"]
    assert doc["year"] == expected["year"]
    assert doc["agency"] == expected["agency"]
    assert doc["cells"] == expected["cells"]
    assert doc["unmapped"] == []


def test_gulou_reports_the_altered_label_and_the_completed_agency(fixture_path):
    doc = _import(fixture_path, "gulou-xinfang-2021")
    messages = " ".join(w["message"] for w in doc["warnings"])
    assert "2.其他法律法规禁止公开" in messages
    assert "鼓楼区信访局" in messages
    assert doc["title"] == "区信访局2021年政府信息公开工作年度报告"
    assert doc["signed_on"] is None


def test_gulou_overview_is_split_by_its_headings(fixture_path):
    texts = _import(fixture_path, "gulou-xinfang-2021")["texts"]
    assert texts["text.overview"].startswith("2021年，鼓楼区信访局认真贯彻落实")
    assert texts["text.overview.active"].startswith("今年以来，我局对照")
    assert texts["text.overview.platform"].startswith("充分利用鼓楼区人民政府官方网站")
    assert texts["text.overview.oversight"].startswith("区信访局作为政府和群众的桥梁和纽带")
    assert texts["text.overview.oversight"].endswith("提高了工作能力")
    assert "\n\n我局定期召开了信访系统政府信息公开工作培训会" in texts["text.overview.oversight"]
    assert "text.overview.on_request" not in texts
    assert texts["text.problems"].startswith("我局对政务公开工作的重要性")
    assert "**一是充实和完善政务公开内容。**" in texts["text.problems"]
    assert texts["text.other"] == "无"


def test_xigong_keeps_its_own_subheadings_in_the_lead(fixture_path):
    texts = _import(fixture_path, "xigong-shequ-2021")["texts"]
    overview = texts["text.overview"]
    assert overview.startswith("根据《中华人民共和国政府信息公开条例》")
    assert "(一) 加强组织领导。" in overview
    assert "(二) 积极回应关切。" in overview
    assert texts["text.overview.active"].startswith("主动公开信息。2021年，我办按照")
    assert texts["text.other"] == "我办无其他需要报告的事项。"
    assert texts["text.problems"].endswith("及时发布更新政府信息。")


def test_xigong_subtotal_column_is_dropped_and_reported(fixture_path):
    doc = _import(fixture_path, "xigong-shequ-2021")
    dropped = [w for w in doc["warnings"] if "apply.total.total" in w.get("keys", [])]
    assert dropped and "0 0 0 0 0 0 0 0" in dropped[0]["source"]
