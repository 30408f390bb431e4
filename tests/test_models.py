"""Invariants the database itself holds."""
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from agencies.models import Agency, AgencyKind, AgencyLevel
from reports.models import Report, ReportValue
from tests.factories import AgencyFactory, GovernmentFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_negative_count_is_refused_by_the_database():
    report = ReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportValue.objects.create(report=report, key="apply.new.natural", number=-1)


def test_signed_change_may_be_negative():
    report = ReportFactory(year=2020)
    ReportValue.objects.create(report=report, key="active.license.change", number=-3)
    assert report.values.get().number == -3


def test_negative_amount_is_refused_by_the_database():
    report = ReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportValue.objects.create(report=report, key="active.fees.amount", amount=Decimal("-0.0001"))


def test_amount_keeps_four_decimals():
    report = ReportFactory()
    ReportValue.objects.create(report=report, key="active.fees.amount", amount=Decimal("97.0712"))
    assert report.values.get().amount == Decimal("97.0712")


def test_second_report_for_same_agency_and_year_is_refused():
    report = ReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(agency=report.agency, year=report.year, format_id="gov-2021")


def test_one_value_per_key():
    report = ReportFactory()
    ReportValue.objects.create(report=report, key="apply.new.natural", number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportValue.objects.create(report=report, key="apply.new.natural", number=2)


def test_format_follows_the_year():
    assert Report.objects.create(agency=AgencyFactory(), year=2020).format_id == "gov-2019"
    assert Report.objects.create(agency=AgencyFactory(), year=2021).format_id == "gov-2021"


def test_descendants_at_any_depth_and_moves():
    government = GovernmentFactory()
    department = AgencyFactory(parent=government)
    office = AgencyFactory(parent=department)
    other = GovernmentFactory()
    assert set(government.descendants()) == {government, department, office}
    department.parent = other
    department.save()
    office.refresh_from_db()
    assert office.path.startswith(other.path)
    assert set(other.descendants(include_self=False)) == {department, office}
    assert office.region() == other


def test_the_region_from_a_parent_read_with_the_agency_needs_no_query(django_assert_num_queries):
    government = GovernmentFactory()
    department = AgencyFactory(parent=government)
    office = AgencyFactory(parent=department)
    department = Agency.objects.select_related("parent").get(pk=department.pk)
    office = Agency.objects.select_related("parent").get(pk=office.pk)
    with django_assert_num_queries(0):
        assert department.region() == government
    with django_assert_num_queries(1):  # the parent is no government: the nearest one above is looked up
        assert office.region() == government


@pytest.mark.parametrize(
    "kind,level,expected",
    [
        (AgencyKind.GOVERNMENT, AgencyLevel.PROVINCE, True),
        (AgencyKind.GOVERNMENT, AgencyLevel.CITY, True),
        (AgencyKind.GOVERNMENT, AgencyLevel.COUNTY, False),
        (AgencyKind.DEPARTMENT, AgencyLevel.STATE_COUNCIL, True),
        (AgencyKind.DEPARTMENT, AgencyLevel.PROVINCE, False),
        (AgencyKind.TOWNSHIP, AgencyLevel.TOWNSHIP, False),
    ],
)
def test_who_may_make_rules(kind, level, expected):
    assert Agency(kind=kind, level=level).can_make_rules is expected
