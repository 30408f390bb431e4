"""check_report: a stored report with last year's report and the agency's facts, in a few queries."""
import copy
from datetime import date

import pytest

from agencies.deadlines import publication_deadline
from agencies.models import AgencyKind, AgencyLevel
from reports.selectors import agency_facts, check_report
from reports.services import report_replace_content
from tests.factories import AgencyFactory, GovernmentFactory, ReportFactory

from .conftest import FIXTURES, load_case

pytestmark = pytest.mark.django_db


def stored(data, agency, year=None):
    data = copy.deepcopy(data)
    data.agency = agency.name
    data.title = ""
    if year is not None:
        data.year = year
    report = ReportFactory(agency=agency, year=data.year)
    report_replace_content(report=report, data=data)
    return report


@pytest.fixture
def data():
    return load_case(FIXTURES / "case-000.json")[1]


def test_check_report_finds_the_errors(data):
    data.cells["appeal.review.pending"] += 1
    report = stored(data, AgencyFactory())
    assert [f.rule for f in check_report(report) if f.severity == "error"] == ["APPEAL-SUM"]


def test_check_report_uses_last_years_report_of_the_same_agency(data):
    agency = AgencyFactory()
    last = copy.deepcopy(data)
    last.cells["apply.carried_over.natural"] = 99
    stored(last, agency, year=2023)
    stored(last, AgencyFactory(), year=2024)  # another agency: not last year's report
    report = stored(data, agency)
    assert "APPLY-CARRY-IN" in {f.rule for f in check_report(report)}


def test_check_report_uses_the_agencys_facts(data):
    data.cells["active.rules.issued"] = 1
    data.signed_on = date(2025, 2, 10)
    department = stored(data, AgencyFactory())
    rules = {f.rule for f in check_report(department)}
    assert {"ACTIVE-RULES-AUTHORITY", "META-DATE"} <= rules


def test_check_report_at_submission(data):
    data.cells["apply.granted.natural"] = None
    report = stored(data, AgencyFactory())
    assert "VALUE-FILLED" not in {f.rule for f in check_report(report)}
    assert "VALUE-FILLED" in {f.rule for f in check_report(report, stage="submit")}


def test_query_count_is_small_and_constant(data, django_assert_num_queries):
    agency = AgencyFactory()
    alone = stored(data, agency, year=2022)
    stored(data, agency, year=2023)
    with_last = stored(data, agency, year=2024)
    for report in (alone, with_last):
        report.refresh_from_db()
    # The report with its agency and the agency's parent (its region), last year's report, the content of both
    # years (two queries).
    with django_assert_num_queries(4):
        check_report(alone)
    with django_assert_num_queries(4):
        check_report(with_last)


def test_deadline_comes_from_the_region():
    city = GovernmentFactory(level=AgencyLevel.CITY, deadline_month=1, deadline_day=20)
    district = GovernmentFactory(parent=city, deadline_month=1, deadline_day=25)
    bureau = AgencyFactory(parent=district)
    office = AgencyFactory(parent=bureau, kind=AgencyKind.OTHER)
    assert publication_deadline(bureau, 2024) == date(2025, 1, 25)
    assert publication_deadline(office, 2024) == date(2025, 1, 25)


def test_a_government_publishes_its_own_report_by_march_31():
    government = GovernmentFactory(deadline_month=1, deadline_day=31)
    assert publication_deadline(government, 2024) == date(2025, 3, 31)


def test_a_day_beyond_the_months_end_means_its_last_day():
    government = GovernmentFactory(deadline_month=4, deadline_day=31)
    assert publication_deadline(AgencyFactory(parent=government), 2024) == date(2025, 4, 30)


def test_agency_facts():
    province = GovernmentFactory(level=AgencyLevel.PROVINCE)
    facts = agency_facts(province, 2024)
    assert (facts.kind, facts.level, facts.can_make_rules) == ("government", "province", True)
    assert agency_facts(AgencyFactory(parent=province), 2024).can_make_rules is False
