"""Charts: figures summed from published reports only, drawn as SVG without scripts, with their tables."""
from __future__ import annotations

import re

import pytest
from django.urls import reverse

from publication.selectors import public_reports
from publication.statistics import build_charts, group_heading
from reports.formats import GOV_2019, GOV_2021
from reports.models import ReportValue

from .conftest import YEAR, store

pytestmark = pytest.mark.django_db


def total(reports, key) -> int:
    return sum(ReportValue.objects.get(report=r, key=key).number for r in reports)


def test_region_figures_are_sums_of_published_reports(region):
    charts = {c.key: c for c in build_charts(public_reports(agencies=[r.agency for r in region.published]))}
    applications = dict(charts["applications"].rows)
    assert applications[GOV_2021.field("apply.new.total").row_label] == (total(region.published, "apply.new.total"),)
    results = dict(charts["results"].rows)
    denied = [f.key for f in GOV_2021.fields if f.key.startswith("apply.denied.") and f.key.endswith(".total")]
    assert results["（三）不予公开"] == (sum(total(region.published, k) for k in denied),)
    assert sum(v[0] for v in results.values()) == total(region.published, "apply.total.total")


def test_group_headings_come_from_the_format_grid():
    assert group_heading(GOV_2021, "other") == "（六）其他处理"
    assert group_heading(GOV_2019, "other") == "（六）其他处理"
    assert group_heading(GOV_2021, "unavailable") == "（四）无法提供"


def test_agency_page_shows_years_side_by_side(client, region):
    report = region.published[0]
    store(report.agency, YEAR - 4, "published")  # a gov-2019 year
    page = client.get(reverse("publication:agency", args=["testqu", report.agency.code])).content.decode()
    assert page.count("<figure") == 4 and page.count("<img") == 4
    assert f"<th scope=\"col\">{YEAR - 4}</th>" in page and f"<th scope=\"col\">{YEAR}</th>" in page


@pytest.mark.parametrize("kind", ["applications", "results", "appeals", "active"])
def test_charts_are_self_contained_svg(client, region, kind):
    response = client.get(reverse("publication:region_chart", args=["testqu", kind]))
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg") and "<script" not in svg
    assert not re.search(r"(?:href|src)=\"https?://", svg)


def test_unknown_chart_is_a_404(client, region):
    assert client.get(reverse("publication:region_chart", args=["testqu", "nope"])).status_code == 404


def test_public_content_loads_in_a_constant_number_of_queries(region, django_assert_max_num_queries):
    from publication.selectors import region_agencies
    from publication.statistics import chart_keys

    for i in range(5):
        store(region.published[0].agency, YEAR - 1 - i, "published")
    agencies = region_agencies(region.government)
    with django_assert_max_num_queries(4):
        full = public_reports(agencies=agencies)
    with django_assert_max_num_queries(3):
        charted = public_reports(agencies=agencies, keys=chart_keys(), texts=False)
    assert len(full) == len(charted) == 8
    assert set(charted[0].data.cells) <= chart_keys() and not charted[0].data.texts
    assert full[0].data.cells.keys() >= set(charted[0].data.cells)


def test_region_charts_leave_out_the_governments_own_report(client, region):
    store(region.government, YEAR, "published", applications=500)
    page = client.get(reverse("publication:region_statistics", args=["testqu"])).content.decode()
    expected = total(region.published, "apply.new.total")
    label = GOV_2021.field("apply.new.total").row_label
    assert f'<th scope="row">{label}</th><td class="text-end">{expected}</td>' in page


@pytest.fixture
def two_years(region):
    """The year before YEAR published by all six agencies of the region; YEAR by three of them."""
    agencies = [r.agency for r in region.published] + [r.agency for r in region.hidden.values()]
    return [store(agency, YEAR - 1, "published", applications=7) for agency in agencies]


def test_year_coverage_counts_agencies_that_published(region, two_years):
    from publication.selectors import region_sources
    from publication.statistics import charted_years, year_coverage

    reports = public_reports(agencies=region_sources(region.government), keys=(), texts=False)
    coverage = year_coverage(reports, expected=6)
    assert [(c.year, c.published, c.expected, c.complete) for c in coverage] == [
        (YEAR - 1, 6, 6, True), (YEAR, 3, 6, False),
    ]
    assert coverage[1].note == "已发布 3/6"
    assert charted_years(coverage) == (YEAR - 1,)
    assert charted_years(coverage, every_year=True) == (YEAR - 1, YEAR)
    # With no complete year, every year is drawn (each marked): there is nothing else to show.
    assert charted_years(coverage[1:]) == (YEAR,)


def test_statistics_stop_at_the_last_complete_year_by_default(client, region, two_years):
    url = reverse("publication:region_statistics", args=["testqu"])
    page = client.get(url).content.decode()
    assert f'<th scope="col">{YEAR - 1}</th>' in page
    assert f"<th scope=\"col\">{YEAR}" not in page
    assert f"{YEAR} 年度尚未发布完整（已发布 3/6），图表止于此前的年度。" in page
    label = GOV_2021.field("apply.new.total").row_label
    expected = total(two_years, "apply.new.total")
    assert f'<th scope="row">{label}</th><td class="text-end">{expected}</td></tr>' in page
    svg = client.get(reverse("publication:region_chart", args=["testqu", "applications"])).content.decode()
    assert str(YEAR - 1) in svg and str(YEAR) not in svg


def test_incomplete_years_on_request_are_marked_and_drawn_pale(client, region, two_years):
    url = reverse("publication:region_statistics", args=["testqu"])
    page = client.get(url, {"years": "all"}).content.decode()
    assert f'<th scope="col">{YEAR}（已发布 3/6）</th>' in page
    assert "其柱形以浅色绘出" in page
    assert 'src="/public/testqu/statistics/applications.svg?years=all"' in page
    svg = client.get(reverse("publication:region_chart", args=["testqu", "applications"]), {"years": "all"})
    text = svg.content.decode()
    assert f"{YEAR}（已发布 3/6）" in text
    from publication.statistics import PARTIAL_BAR

    assert text.count(PARTIAL_BAR) == 3  # the three bars of YEAR, not those of the complete year


def test_region_pages_mark_the_incomplete_year(client, region, two_years):
    page = client.get(reverse("publication:region", args=["testqu"])).content.decode()
    assert page.count("已发布 3/6") == 1
    year_page = client.get(reverse("publication:region_year", args=["testqu", YEAR])).content.decode()
    assert "本年度尚有机关未发布年度报告（已发布 3/6），本年度的合计数不完整。" in year_page
    complete = client.get(reverse("publication:region_year", args=["testqu", YEAR - 1])).content.decode()
    assert "已发布" not in complete
