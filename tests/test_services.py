"""The one write path: changes recorded, versions checked, locked reports refused."""
from datetime import date
from decimal import Decimal

import pytest

from reports.models import ReportChange, ReportStatus
from reports.services import (
    ReportLocked,
    StaleVersion,
    report_data,
    report_set_status,
    report_write,
    reports_data,
)
from tests.factories import ReportFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_write_records_each_change_and_bumps_version():
    report, user = ReportFactory(), UserFactory()
    report_write(report=report, by=user, cells={"apply.new.natural": 3}, texts={"text.other": "未收取信息处理费。"})
    assert report.version == 2
    report_write(report=report, by=user, cells={"apply.new.natural": 5, "active.fees.amount": Decimal("1.5")},
                 signed_on=date(2025, 1, 20))
    data = report_data(report)
    assert data.cells == {"apply.new.natural": 5, "active.fees.amount": Decimal("1.5")}
    assert data.signed_on == date(2025, 1, 20)
    change = ReportChange.objects.get(key="apply.new.natural", version=3)
    assert (change.old, change.new, change.changed_by) == ("3", "5", user)


def test_unchanged_write_changes_nothing():
    report = ReportFactory()
    report_write(report=report, cells={"apply.new.natural": 3})
    report_write(report=report, cells={"apply.new.natural": 3})
    assert report.version == 2
    assert ReportChange.objects.count() == 1


def test_clearing_a_cell_deletes_it_blank_is_not_zero():
    report = ReportFactory()
    report_write(report=report, cells={"apply.new.natural": 0})
    assert report_data(report).cells == {"apply.new.natural": 0}
    report_write(report=report, cells={"apply.new.natural": None})
    assert report_data(report).cells == {}


def test_stale_form_touching_a_key_changed_since_is_refused():
    report = ReportFactory()
    report_write(report=report, cells={"apply.new.natural": 1})
    loaded = report.version
    report_write(report=report, cells={"apply.new.natural": 2})  # someone else
    with pytest.raises(StaleVersion) as exc:
        report_write(report=report, cells={"apply.new.natural": 9}, expected_version=loaded)
    assert exc.value.changed_keys == ["apply.new.natural"]
    assert report_data(report).cells["apply.new.natural"] == 2
    # A stale form touching other keys does not conflict.
    report_write(report=report, cells={"apply.new.legal": 4}, expected_version=loaded)
    assert report_data(report).cells["apply.new.legal"] == 4


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED])
def test_locked_report_refuses_every_write(status):
    report = ReportFactory()
    report_write(report=report, cells={"apply.new.natural": 1})
    report_set_status(report=report, status=status)
    with pytest.raises(ReportLocked):
        report_write(report=report, cells={"apply.new.natural": 2})
    assert report_data(report).cells["apply.new.natural"] == 1


def test_unknown_key_is_refused():
    report = ReportFactory()
    with pytest.raises(KeyError):
        report_write(report=report, cells={"apply.nonsense.natural": 1})


def test_interchange_refuses_float_amounts_and_names_unknown_keys():
    from reports.interchange import from_json

    data, problems = from_json({"year": 2024, "cells": {"active.fees.amount": 97.07, "apply.new.natural": 3,
                                                       "apply.bogus.natural": 1}, "case": "ignored"})
    assert data.cells == {"apply.new.natural": 3}
    messages = [p.message for p in problems]
    assert any("97.0700" in m and "行政事业性收费" in m for m in messages)
    assert any("apply.bogus.natural" in m for m in messages)


def test_interchange_round_trip():
    from reports.interchange import from_json, to_json

    doc = {"format": "gov-2021", "year": 2024, "agency": "某局", "title": "某局2024年政府信息公开工作年度报告",
           "signed_on": "2025-01-20", "texts": {"text.other": "未收取信息处理费。"},
           "cells": {"active.fees.amount": "1.2300", "apply.new.natural": 2}}
    data, problems = from_json(doc)
    assert not problems
    assert to_json(data) == doc


def test_a_write_leaves_the_report_as_stored_without_reading_it_again(django_assert_num_queries):
    report, user = ReportFactory(), UserFactory()
    report.agency  # noqa: B018 - cached, as the views have it
    with django_assert_num_queries(7):  # savepoint pair, lock, values, insert, version, changes
        report_write(report=report, by=user, cells={"apply.new.natural": 3}, title="另一个标题")
    with django_assert_num_queries(0):
        assert (report.version, report.title, report.updated_by, report.agency.pk) == (2, "另一个标题", user,
                                                                                       report.agency_id)
    fresh = type(report).objects.get(pk=report.pk)
    assert (fresh.version, fresh.title, fresh.updated_at) == (report.version, report.title, report.updated_at)


def test_the_content_of_several_reports_in_two_queries(django_assert_num_queries):
    this, last = ReportFactory(year=2024), ReportFactory(year=2023)
    report_write(report=this, cells={"apply.new.natural": 3}, texts={"text.other": "本年"})
    report_write(report=last, cells={"apply.new.natural": 1, "apply.new.total": 1})
    with django_assert_num_queries(2):
        both = reports_data([this, last])
    assert [d.cells for d in both] == [report_data(this).cells, report_data(last).cells]
    assert [d.texts for d in both] == [{"text.other": "本年"}, {}]
