"""The government-level report: the agencies' approved or published values, summed cell by cell."""
from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agencies.models import AggregateScope, Role
from publication.aggregation import aggregate
from publication.services import ContentExists, government_report_build
from reports.models import Report, ReportStatus, ReportValue
from reports.services import ReportLocked, report_create, report_data, report_set_status, report_write
from tests.factories import PASSWORD, AgencyFactory, GovernmentFactory, MembershipFactory, UserFactory

from .conftest import YEAR, store

pytestmark = pytest.mark.django_db


def independent_sum(reports) -> dict:
    """Straight from the stored rows, without the code under test."""
    sums: dict = defaultdict(int)
    for value in ReportValue.objects.filter(report__in=reports):
        sums[value.key] += value.amount if value.amount is not None else value.number
    return dict(sums)


@pytest.fixture
def county(db):
    government = GovernmentFactory(code="county", name="测试县人民政府")
    rng = random.Random(7)
    sources = []
    for i in range(6):
        agency = AgencyFactory(parent=government, code=f"dept{i}", name=f"测试县第{i}局")
        status = ReportStatus.PUBLISHED if i % 2 else ReportStatus.APPROVED
        sources.append(store(agency, YEAR, status, applications=rng.randint(1, 80)))
    excluded = store(AgencyFactory(parent=government, code="late", name="测试县迟交局"), YEAR, ReportStatus.SUBMITTED)
    township_gov = GovernmentFactory(parent=government, code="town", name="测试镇人民政府")
    township_dept = store(AgencyFactory(parent=township_gov, code="town-dept", name="测试镇某办"), YEAR,
                          ReportStatus.PUBLISHED, applications=9)
    township_own = store(township_gov, YEAR, ReportStatus.PUBLISHED, applications=50)
    overseer = UserFactory(username="office")
    MembershipFactory(user=overseer, agency=government, role=Role.OVERSEER)
    return {"government": government, "sources": sources, "excluded": excluded, "township_dept": township_dept,
            "township_own": township_own, "overseer": overseer}


def test_own_level_sum_equals_an_independent_sum(county):
    result = aggregate(government=county["government"], year=YEAR)
    assert {r.pk for r in result.sources} == {r.pk for r in county["sources"]}
    assert [r.pk for r in result.missing] == [county["excluded"].pk]
    expected = independent_sum(county["sources"])
    assert result.data.cells == expected
    assert isinstance(result.data.cells["active.fees.amount"], Decimal)


def test_region_scope_adds_the_lower_levels_agencies_but_not_their_governments(county):
    government = county["government"]
    government.aggregate_scope = AggregateScope.REGION
    government.save()
    result = aggregate(government=government, year=YEAR)
    assert result.data.cells == independent_sum(county["sources"] + [county["township_dept"]])
    assert county["township_own"].pk not in {r.pk for r in result.sources}


def test_the_sum_of_balanced_reports_passes_the_table_checks(county):
    findings = aggregate(government=county["government"], year=YEAR).findings
    assert not [f for f in findings if f.rule.startswith(("APPLY-BALANCE", "APPLY-RESULTS", "APPLY-ROW", "APPEAL"))]


def test_the_government_narrative_rule_runs_on_the_sum(county):
    report = report_create(agency=county["government"], year=YEAR)
    report_write(report=report, texts={"text.overview.oversight": "加强监督。"})
    rules = {f.rule for f in aggregate(government=county["government"], year=YEAR).findings}
    assert "TEXT-GOV-OVERSIGHT" in rules
    report_write(report=report, texts={"text.overview.oversight": "开展工作考核、社会评议和责任追究。"})
    rules = {f.rule for f in aggregate(government=county["government"], year=YEAR).findings}
    assert "TEXT-GOV-OVERSIGHT" not in rules


def test_build_writes_the_sum_into_the_governments_draft_and_keeps_its_narrative(county):
    government = county["government"]
    report = report_create(agency=government, year=YEAR)
    report_write(report=report, texts={"text.problems": "政府自己写的内容"})
    built = government_report_build(government=government, year=YEAR, by=county["overseer"])
    assert built.pk == report.pk and built.status == ReportStatus.DRAFT
    data = report_data(built)
    assert data.cells == independent_sum(county["sources"])
    assert data.texts["text.problems"] == "政府自己写的内容"


def test_build_creates_the_report_when_there_is_none(county):
    government_report_build(government=county["government"], year=YEAR, by=county["overseer"])
    report = Report.objects.get(agency=county["government"], year=YEAR)
    assert report.status == ReportStatus.DRAFT
    assert report.check_summary.version == report.version  # the dashboard's counts are those of the sum


def test_existing_values_are_replaced_only_when_asked(county):
    government, overseer = county["government"], county["overseer"]
    report = report_create(agency=government, year=YEAR)
    report_write(report=report, cells={"apply.new.natural": 999})
    with pytest.raises(ContentExists):
        government_report_build(government=government, year=YEAR, by=overseer)
    assert report_data(report).cells == {"apply.new.natural": 999}
    government_report_build(government=government, year=YEAR, by=overseer, replace=True)
    assert report_data(report).cells == independent_sum(county["sources"])


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED])
def test_a_report_that_is_not_a_draft_is_never_written(county, status):
    report = report_create(agency=county["government"], year=YEAR)
    report_set_status(report=report, status=status)
    with pytest.raises(ReportLocked):
        government_report_build(government=county["government"], year=YEAR, by=county["overseer"], replace=True)
    assert not report.values.exists()


def test_only_the_open_government_office_builds_it(county):
    editor = UserFactory(username="dept-editor")
    MembershipFactory(user=editor, agency=county["sources"][0].agency, role=Role.EDITOR)
    with pytest.raises(PermissionDenied):
        government_report_build(government=county["government"], year=YEAR, by=editor)


def test_the_page_previews_and_builds(client, county):
    url = reverse("publication:government_report", args=["county", YEAR])
    editor = UserFactory(username="dept-editor")
    MembershipFactory(user=editor, agency=county["sources"][0].agency, role=Role.EDITOR)
    client.login(username="dept-editor", password=PASSWORD)
    assert client.get(url).status_code == 404
    client.login(username="office", password=PASSWORD)
    page = client.get(url).content.decode()
    assert "测试县第0局" in page and "测试县迟交局" in page
    assert client.post(url, {"action": "build"}).status_code == 302
    report = Report.objects.get(agency=county["government"], year=YEAR)
    assert report_data(report).cells == independent_sum(county["sources"])
    client.post(url, {"action": "scope", "scope": AggregateScope.REGION})
    county["government"].refresh_from_db()
    assert county["government"].aggregate_scope == AggregateScope.REGION


def test_a_report_under_correction_counts_with_its_published_version(county):
    from .conftest import start_correction

    corrected = next(r for r in county["sources"] if r.status == ReportStatus.PUBLISHED)
    expected = independent_sum(county["sources"])
    start_correction(corrected, reason="更正", new_text="更正中")
    report_write(report=corrected, cells={"apply.new.natural": 10_000})
    result = aggregate(government=county["government"], year=YEAR)
    assert [r.pk for r in result.correcting] == [corrected.pk] and result.counted == len(county["sources"])
    assert result.data.cells == expected
