"""Exports run in the limited process: a pathological report is refused in bounded time, in Chinese.

A report whose narratives are all at the length limit (half a million characters in all) takes tens of
seconds and hundreds of MiB to print; with the wall-clock limit set low it is refused well within the
time the worker would otherwise hold, with the reason on the page, nothing cached and nothing saved
changed. A normal report still exports, and the public open data goes through the same limits.
"""
from __future__ import annotations

import logging
import re
import time

import pytest
from django.urls import reverse

from agencies.models import Role
from reports.exports.isolation import ExportRefused, document_render, run_export
from reports.models import Report, ReportStatus
from reports.normalize import TEXT_MAX_LENGTH
from reports.services import report_set_status, report_write
from tests.factories import AgencyFactory, GovernmentFactory, MembershipFactory, ReportFactory

from .sample import fill_report

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")
# Limits for the refused exports: far below the ten seconds the huge report takes unlimited.
WALL_SECONDS = 2
# What the worker may wait for a refusal: the limit plus starting the child, on a busy machine.
REFUSED_WITHIN = 12.0
SENTENCE = "本机关认真贯彻落实政府信息公开条例，持续推进政务公开标准化规范化建设。"


def huge_texts(report: Report) -> dict[str, str]:
    """Every narrative at the length limit: allowed by the step, pathological for the printer."""
    body = (SENTENCE * (TEXT_MAX_LENGTH // len(SENTENCE) + 1))[:TEXT_MAX_LENGTH]
    return {key: body for key in report.format.text_keys}


@pytest.fixture
def huge_report():
    report = ReportFactory(agency__parent=GovernmentFactory(code="hugequ"), agency__code="hugeju")
    fill_report(report)
    report = report_write(report=report, texts=huge_texts(report))
    assert sum(len(t.body) for t in report.texts.all()) >= 150_000
    return report


@pytest.fixture
def low_limits(settings):
    settings.EXPORT_WALL_SECONDS = WALL_SECONDS
    settings.EXPORT_CPU_SECONDS = WALL_SECONDS
    run_export(int)  # the fork server starts once, outside the measurements


def stored(report: Report) -> tuple:
    report = Report.objects.get(pk=report.pk)
    return (report.version, report.updated_at, report.status,
            sorted(report.texts.values_list("key", "body")), sorted(report.values.values_list("key", "number", "amount")))


def assert_refused(response, started: float, caplog) -> None:
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    page = response.content.decode()
    assert "导出本报告耗时过长" in page and "已保存的内容没有任何改动" in page
    assert elapsed < REFUSED_WITHIN, f"refused after {elapsed:.1f} s"
    assert any("wall-clock limit" in r.getMessage() or "ran out of time" in r.getMessage() for r in caplog.records)


def test_a_huge_report_is_refused_in_bounded_time_and_nothing_changes(client, huge_report, low_limits, caplog,
                                                                      settings):
    client.force_login(MembershipFactory(agency=huge_report.agency, role=Role.EDITOR).user)
    before = stored(huge_report)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="reports.isolation"):
        response = client.get(reverse("exports:pdf", args=[huge_report.agency.code, huge_report.year]))
    assert_refused(response, started, caplog)
    assert reverse("exports:preview", args=[huge_report.agency.code, huge_report.year]) in response.content.decode()
    assert stored(huge_report) == before
    assert not settings.EXPORT_CACHE_DIR.exists() or not any(settings.EXPORT_CACHE_DIR.iterdir())


def test_the_public_pdf_of_a_huge_report_is_refused_too(client, huge_report, low_limits, caplog):
    report_set_status(report=huge_report, status=ReportStatus.PUBLISHED)
    before = stored(huge_report)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="reports.isolation"):
        response = client.get(reverse("publication:report_pdf", args=["hugequ", "hugeju", huge_report.year]))
    assert_refused(response, started, caplog)
    assert stored(huge_report) == before


@pytest.fixture
def published():
    report = ReportFactory(agency__parent=GovernmentFactory(code="opendq"), agency__code="opendj")
    fill_report(report)
    return report_set_status(report=report, status=ReportStatus.PUBLISHED)


@pytest.mark.parametrize("name, args", [
    ("publication:dataset_xlsx", ["opendq"]),
    ("publication:dataset_csv", ["opendq"]),
    ("publication:dataset_json", ["opendq"]),
    ("publication:report_csv", ["opendq", "opendj"]),
])
def test_open_data_is_made_under_the_limits(client, published, settings, caplog, name, args):
    url = reverse(name, args=[*args, published.year])
    assert client.get(url).status_code == 200
    settings.EXPORT_WALL_SECONDS = 0.001  # forced: nothing can be made in a millisecond
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="reports.isolation"):
        response = client.get(url)
    assert_refused(response, started, caplog)


def test_a_forced_slow_word_export_is_refused(client, settings, caplog):
    report = ReportFactory()
    fill_report(report)
    client.force_login(MembershipFactory(agency=report.agency, role=Role.EDITOR).user)
    settings.EXPORT_WALL_SECONDS = 0.001
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="reports.isolation"):
        response = client.get(reverse("exports:docx", args=[report.agency.code, report.year]))
    assert_refused(response, started, caplog)


def test_a_normal_report_still_exports_under_the_default_limits(client):
    report = ReportFactory()
    fill_report(report)
    client.force_login(MembershipFactory(agency=report.agency, role=Role.EDITOR).user)
    for name, magic in (("exports:pdf", b"%PDF"), ("exports:docx", b"PK")):
        response = client.get(reverse(name, args=[report.agency.code, report.year]))
        assert response.status_code == 200 and response.content.startswith(magic)


def test_a_renderer_failure_is_refused_with_a_chinese_message():
    with pytest.raises(ExportRefused) as refused:
        document_render(object(), "docx")  # not a document: the renderer fails inside the child
    assert CJK.search(str(refused.value))


def test_another_agency_cannot_reach_the_refusal(client, huge_report, low_limits):
    client.force_login(MembershipFactory(agency=AgencyFactory(), role=Role.EDITOR).user)
    assert client.get(reverse("exports:pdf", args=[huge_report.agency.code, huge_report.year])).status_code == 404
