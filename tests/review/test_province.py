"""A province on one installation: the synthetic province, rolled-up counts level by level, subtree permissions."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency, AgencyKind
from reports.demo.province import CODE, PASSWORD, agency_count, load_province
from reports.models import Report, ReportStatus
from review.rollup import region_rollups

pytestmark = pytest.mark.django_db

SMALL = {"province_departments": 2, "cities": 2, "city_departments": 2, "counties": 2, "county_departments": 3,
         "townships": 1}
YEAR = 2026


@pytest.fixture
def province(db):
    load_province(year=YEAR, shape=SMALL)
    return Agency.objects.get(code=CODE)


def test_the_province_has_every_level_and_two_years_of_reports(province):
    assert Agency.objects.count() == agency_count(SMALL) == 3 + 2 * (3 + 2 * (1 + 3 + 1))
    levels = Counter(Agency.objects.filter(kind=AgencyKind.GOVERNMENT).values_list("level", flat=True))
    assert levels == {"province": 1, "city": 2, "county": 4}
    county_office = Agency.objects.get(code=f"{CODE}-c1-k0-d2")
    assert county_office.region().code == f"{CODE}-c1-k0"
    assert Report.objects.filter(year=YEAR - 1, status=ReportStatus.PUBLISHED).count() == Agency.objects.count()
    statuses = set(Report.objects.filter(year=YEAR).values_list("status", flat=True))
    assert statuses == {ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED}
    assert Report.objects.filter(year=YEAR).count() < Agency.objects.count()  # some not started
    report = Report.objects.filter(year=YEAR - 1).select_related("agency").first()
    assert report.values.count() > 150 and report.agency.name in report.texts.get(key="text.preamble").body


def test_loading_again_changes_nothing(province):
    before = (Agency.objects.count(), Report.objects.count())
    assert load_province(year=YEAR, shape=SMALL) == 0
    assert (Agency.objects.count(), Report.objects.count()) == before


def _independent(region: Agency, today: date):
    """Counts per lower government, from the ORM one agency at a time."""
    found = {}
    for lower in Agency.objects.filter(parent=region, kind=AgencyKind.GOVERNMENT):
        statuses = Counter()
        for agency in lower.descendants():
            report = Report.objects.filter(agency=agency, year=YEAR).first()
            statuses[report.status if report else "missing"] += 1
        found[lower.code] = statuses
    return found


@pytest.mark.parametrize("code", [CODE, f"{CODE}-c0"])
def test_rollups_count_each_lower_government_subtree(province, code):
    region = Agency.objects.get(code=code)
    rollups, covered = region_rollups(region, YEAR, today=date(YEAR + 1, 1, 10))
    expected = _independent(region, date(YEAR + 1, 1, 10))
    assert {r.region.code: dict(r.statuses) for r in rollups} == {k: dict(v) for k, v in expected.items()}
    assert all(r.agencies == sum(r.statuses.values()) for r in rollups)
    own = set(region.descendants().values_list("pk", flat=True)) - covered
    assert {a.parent_id for a in Agency.objects.filter(pk__in=own)} <= {region.pk, region.parent_id}
    assert all(r.overdue == 0 for r in rollups)  # before every deadline


def test_after_the_deadline_every_unpublished_report_is_overdue(province):
    rollups, _ = region_rollups(province, YEAR, today=date(YEAR + 1, 4, 1))
    assert all(r.overdue == r.agencies - r.published for r in rollups)
    between, _ = region_rollups(province, YEAR, today=date(YEAR + 1, 2, 15))  # departments late, governments not
    assert all(0 < r.overdue < r.agencies - r.published for r in between)


def test_queries_do_not_grow_with_the_province(province):
    counts = []
    for code in (CODE, f"{CODE}-c0", f"{CODE}-c0-k0"):  # 28, 13 and 5 agencies
        region = Agency.objects.get(code=code)
        with CaptureQueriesContext(connection) as queries:
            region_rollups(region, YEAR, today=date(YEAR + 1, 1, 10))
        counts.append(len(queries))
    assert counts == [3, 3, 1]  # a county has no lower government: one query finds that


@pytest.mark.parametrize("user,code,allowed", [
    ("province-overseer", CODE, True), ("province-overseer", f"{CODE}-c0", True),
    ("province-overseer", f"{CODE}-c0-k1", True),
    ("city-overseer", CODE, False), ("city-overseer", f"{CODE}-c0", True), ("city-overseer", f"{CODE}-c0-k0", True),
    ("city-overseer", f"{CODE}-c1", False), ("city-overseer", f"{CODE}-c1-k0", False),
    ("county-overseer", f"{CODE}-c0", False), ("county-overseer", f"{CODE}-c0-k0", True),
    ("county-overseer", f"{CODE}-c0-k1", False),
])
def test_each_office_sees_its_own_subtree_only(client, province, user, code, allowed):
    assert client.login(username=user, password=PASSWORD)
    response = client.get(reverse("review:dashboard", args=[code, YEAR]))
    assert response.status_code == (200 if allowed else 403)


def test_county_office_is_refused_two_levels_up_and_across(client, province):
    assert client.login(username="county-overseer", password=PASSWORD)
    for code in (CODE, f"{CODE}-c1", f"{CODE}-c1-k0", f"{CODE}-c1-k1"):
        assert client.get(reverse("review:dashboard", args=[code, YEAR])).status_code == 403, code


def _dashboard(client, user, code):
    assert client.login(username=user, password=PASSWORD)
    response = client.get(reverse("review:dashboard", args=[code, YEAR]))
    assert response.status_code == 200
    return response


def test_the_province_dashboard_lists_its_cities_as_counts_and_its_own_agencies_as_rows(client, province):
    response = _dashboard(client, "province-overseer", CODE)
    regions = response.context["regions"]
    assert [r.region.code for r in regions] == [f"{CODE}-c0", f"{CODE}-c1"]
    own = {row.agency.code for row in response.context["rows"]}
    assert own == {CODE, f"{CODE}-d0", f"{CODE}-d1"}
    assert response.context["total"] == Agency.objects.count()
    html = response.content.decode()
    for region in regions:
        assert reverse("review:dashboard", args=[region.region.code, YEAR]) in html
    expected = _independent(province, date.today())
    assert {r.region.code: dict(r.statuses) for r in regions} == {k: dict(v) for k, v in expected.items()}


def test_drill_down_goes_level_by_level(client, province):
    city = _dashboard(client, "province-overseer", f"{CODE}-c0")
    assert [r.region.code for r in city.context["regions"]] == [f"{CODE}-c0-k0", f"{CODE}-c0-k1"]
    county = _dashboard(client, "province-overseer", f"{CODE}-c0-k0")
    assert county.context["regions"] == []
    assert len(county.context["rows"]) == 1 + 3 + 1  # the county government, its departments, its township


def test_a_returned_draft_is_counted_as_returned(client, province):
    from review.models import Action, ReportEvent
    from tests.factories import UserFactory

    report = Report.objects.filter(year=YEAR, status=ReportStatus.DRAFT, agency__path__startswith=Agency.objects.get(
        code=f"{CODE}-c1").path).first()
    ReportEvent.objects.create(report=report, action=Action.RETURN, actor=UserFactory(),
                               from_status=ReportStatus.SUBMITTED, to_status=ReportStatus.DRAFT, version=1)
    regions = _dashboard(client, "province-overseer", CODE).context["regions"]
    assert [r.returned for r in regions] == [0, 1]


BIGGER = {**SMALL, "cities": 4, "counties": 3, "county_departments": 6, "townships": 2, "province_departments": 5}


@pytest.mark.parametrize("shape", [SMALL, BIGGER], ids=["small", "bigger"])
def test_dashboard_queries_do_not_grow_with_the_province(client, django_assert_max_num_queries, shape):
    load_province(year=YEAR, shape=shape)
    assert client.login(username="province-overseer", password=PASSWORD)
    for code in (CODE, f"{CODE}-c0", f"{CODE}-c0-k0"):
        client.get(reverse("review:dashboard", args=[code, YEAR]))  # stale check counts recounted once
        with django_assert_max_num_queries(14):
            assert client.get(reverse("review:dashboard", args=[code, YEAR])).status_code == 200


def test_the_staffing_notice_counts_and_links_rather_than_naming_everyone(client, province):
    Agency.objects.bulk_create(
        Agency(code=f"extra-{i}", name=f"新设第{i}局", kind=AgencyKind.DEPARTMENT, level="province",
               parent=province, path="") for i in range(15))
    for agency in Agency.objects.filter(code__startswith="extra-"):
        agency.path = f"{province.path}{agency.pk}/"
        agency.save(update_fields=["path"])
    html = _dashboard(client, "province-overseer", CODE).content.decode()
    notice = html[html.index('id="staffing"'):html.index("</div>", html.index('id="staffing"'))]
    assert "新设第0局" in notice and "新设第14局" not in notice
    assert "?missing=editor#dashboard" in notice
    listed = client.get(reverse("review:dashboard", args=[CODE, YEAR]) + "?missing=editor")
    assert {r.agency.code for r in listed.context["rows"]} >= {f"extra-{i}" for i in range(15)}
