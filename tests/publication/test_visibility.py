"""Only published content is public: every other status is a 404 on every public address."""
from __future__ import annotations

import json

import pytest
from django.urls import reverse

from reports.models import ReportStatus

from .conftest import UNPUBLISHED, YEAR, publish_correction, start_correction

pytestmark = pytest.mark.django_db

REPORT_VIEWS = ("report", "report_pdf", "report_docx", "report_json", "report_csv")
DATASET_VIEWS = ("dataset_json", "dataset_csv", "dataset_xlsx")


def report_url(name, report, region_code="testqu"):
    return reverse(f"publication:{name}", args=[region_code, report.agency.code, report.year])


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("name", REPORT_VIEWS)
def test_a_published_report_is_public_in_every_form(client, region, name):
    response = client.get(report_url(name, region.published[0]))
    assert response.status_code == 200


def test_the_page_has_real_tables_and_no_draft_mark(client, region):
    page = client.get(report_url("report", region.published[0])).content.decode()
    assert page.count("<table") == 3 and "<th" in page and 'data-key="apply.new.natural"' in page
    assert "nb-draft" not in page and "nb-watermark" not in page


@pytest.mark.parametrize("status", [ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.APPROVED])
@pytest.mark.parametrize("name", REPORT_VIEWS)
def test_an_unpublished_report_is_a_404(client, region, status, name):
    response = client.get(report_url(name, region.hidden[status]))
    assert response.status_code == 404
    assert UNPUBLISHED.encode() not in body(response)


def test_a_report_is_only_reachable_under_its_own_region(client, region):
    from tests.factories import GovernmentFactory

    GovernmentFactory(code="elsewhere")
    assert client.get(report_url("report", region.published[0], "elsewhere")).status_code == 404


@pytest.mark.parametrize("name", DATASET_VIEWS)
def test_datasets_hold_only_published_reports(client, region, name):
    response = client.get(reverse(f"publication:{name}", args=["testqu", YEAR]))
    assert response.status_code == 200
    content = body(response)
    assert UNPUBLISHED.encode() not in content
    for report in region.hidden.values():
        assert report.agency.code.encode() not in content
    if name == "dataset_json":
        codes = [r["agency_code"] for r in json.loads(content)["reports"]]
        assert codes == [r.agency.code for r in region.published]


@pytest.mark.parametrize("name", DATASET_VIEWS)
def test_a_year_without_published_reports_has_no_dataset(client, region, name):
    assert client.get(reverse(f"publication:{name}", args=["testqu", YEAR + 1])).status_code == 404


def test_pages_list_only_published_reports(client, region):
    pages = [
        client.get(reverse("publication:index")),
        client.get(reverse("publication:region", args=["testqu"])),
        client.get(reverse("publication:region_year", args=["testqu", YEAR])),
        client.get(reverse("publication:region_statistics", args=["testqu"])),
    ]
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode()
        for report in region.hidden.values():
            assert report.agency.name not in text and UNPUBLISHED not in text
    assert region.published[0].agency.name in pages[2].content.decode()


def test_an_agency_without_published_reports_has_no_page(client, region):
    hidden = region.hidden[ReportStatus.APPROVED]
    assert client.get(reverse("publication:agency", args=["testqu", hidden.agency.code])).status_code == 404


class TestCorrection:
    def test_while_open_the_public_sees_the_published_content(self, client, region):
        report = region.published[0]
        before = client.get(report_url("report_json", report)).json()
        start_correction(report, reason="表三数字有误", new_text=UNPUBLISHED)
        for name in REPORT_VIEWS:
            response = client.get(report_url(name, report))
            assert response.status_code == 200, name
            assert UNPUBLISHED.encode() not in body(response), name
        assert client.get(report_url("report_json", report)).json() == before
        page = client.get(report_url("report", report)).content.decode()
        assert "表三数字有误" not in page  # the note of an unpublished correction is not public either
        assert client.get(reverse("publication:earlier", args=["testqu", report.agency.code, YEAR, 1])).status_code == 404

    def test_once_published_the_note_shows_and_the_earlier_version_stays(self, client, region):
        report = region.published[0]
        old_problems = client.get(report_url("report_json", report)).json()["texts"]["text.problems"]
        revision = start_correction(report, reason="更正表三数字", new_text="更正后的问题和改进措施，内容足够长以说明问题和措施。")
        publish_correction(report, revision)
        page = client.get(report_url("report", report)).content.decode()
        assert "更正表三数字" in page and "更正后的问题和改进措施" in page
        earlier = client.get(reverse("publication:earlier", args=["testqu", report.agency.code, YEAR, 1]))
        assert earlier.status_code == 200
        assert old_problems.splitlines()[0] in earlier.content.decode()
        assert client.get(report_url("report_pdf", report)).status_code == 200
