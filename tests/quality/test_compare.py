"""Comparisons, checked against figures worked out here independently."""
from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from quality.compare import INDICATORS, table_changes, text_changes
from quality.regions import region_table
from tests.factories import PASSWORD

from .corpus import PLACE, report

pytestmark = pytest.mark.django_db


def test_every_value_with_its_change_and_percentage():
    before, after = report("甲局", 2023), report("甲局", 2024)
    after.cells["apply.new.natural"] = 0
    before.cells["apply.new.natural"] = 0
    changes = {row.key: row for table in table_changes(before, after) for row in table.rows}
    assert set(changes) == set(after.format.keys)
    for key, row in changes.items():
        old, new = before.cells.get(key), after.cells.get(key)
        assert (row.before, row.after) == (old, new)
        assert row.change == (None if old is None or new is None else new - old)
        if old:
            assert row.percent == pytest.approx((float(new) - float(old)) / float(old) * 100)
        else:
            assert row.percent is None  # no percentage from zero
    assert changes["apply.new.natural"].percent is None


def test_narrative_passages_copied_and_new_and_the_share():
    before, after = report("甲局", 2023), report("甲局", 2024)
    before.texts = {"text.problems": "政策解读不够丰富。2023年栏目更新不及时。培训不足。"}
    after.texts = {"text.problems": "政策解读不够丰富。2024年栏目更新不及时。新增问题一项。"}
    (part,) = text_changes(before, after)
    assert [(p.text, p.same) for p in part.after] == [
        ("政策解读不够丰富。", True), ("2024年栏目更新不及时。", True), ("新增问题一项。", False),
    ]
    assert [p.same for p in part.before] == [True, True, False]
    copied = len("政策解读不够丰富") + len("#年栏目更新不及时")
    assert part.similarity == pytest.approx(copied / (copied + len("新增问题一项")))


def test_the_agency_page_shows_both_years(client, published_region):
    client.login(username="q-overseer", password=PASSWORD)
    code = next(c for c, rules in published_region.expected.items() if "TEXT-SIMILAR-LAST-YEAR" in rules)
    page = client.get(reverse("quality:agency_years", args=[code, 2024]))
    assert page.status_code == 200
    assert page.context["similarity"] > 0.5
    assert 'class="nb-same"' in page.content.decode()
    changed = sum(t.changed for t in page.context["tables"])
    only = client.get(reverse("quality:agency_years", args=[code, 2024]), {"changed": "1", "with": 2023})
    assert only.content.decode().count('class="nb-changed"') == changed
    assert page.content.decode().count("<tr") > only.content.decode().count("<tr")


def test_the_agency_page_is_not_found_for_outsiders(client, published_region):
    client.login(username="q-overseer2", password=PASSWORD)
    code = next(iter(published_region.expected))
    assert client.get(reverse("quality:agency_years", args=[code, 2024])).status_code == 404


def test_agencies_side_by_side_with_the_region_total(published_region):
    table = region_table(region=published_region, year=2024)
    reports = {PLACE + a: report(a, 2024) for a in ("甲局", "乙局", "丙局")}
    reports[PLACE + "乙局"].cells["apply.new.natural"] += 1
    by_name = {c.agency.name: dict(zip([i.key for i in INDICATORS], c.values)) for c in table.columns}
    for name, data in reports.items():
        assert by_name[name]["new"] == data.cells["apply.new.total"]
        assert by_name[name]["granted"] == pytest.approx(
            data.cells["apply.granted.total"] / data.cells["apply.total.total"] * 100)
        assert by_name[name]["fees"] == data.cells["active.fees.amount"]
    totals = dict(zip([i.key for i in INDICATORS], table.totals))
    news = [c.values[0] for c in table.columns]
    assert totals["new"] == sum(news)
    assert isinstance(totals["fees"], Decimal)


def test_sorted_by_an_indicator_and_one_table_in_full(client, published_region):
    client.login(username="q-overseer", password=PASSWORD)
    url = reverse("quality:regions", args=["ceshi", 2024])
    table = client.get(url, {"sort": "new"}).context["table"]
    news = [c.values[0] for c in table.columns]
    assert news == sorted(news, reverse=True)
    full = client.get(url, {"table": "appeal"}).context["table"]
    assert [i.key for i in full.indicators][:2] == ["appeal.review.upheld", "appeal.review.corrected"]
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("quality:regions_xlsx", args=["ceshi", 2024]),
                                                        {"table": "appeal"}).content))
    sheet = book.active
    assert sheet.max_row == 1 + len(full.indicators)
    assert sheet.cell(1, sheet.max_column).value == "地区合计"
