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
