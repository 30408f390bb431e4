"""Every step page reads a fixed number of rows, however many agencies the database holds."""
import pytest

from agencies.models import Agency, AgencyKind, AgencyLevel
from reports.services import report_write
from tests.drafting.conftest import hub_url, step_url
from tests.drafting.test_pages import SLUGS
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

# One of them counts the open review comments of each step (the task list and the navigation show them).
MAX_QUERIES = 12


def add_agencies(n: int, parent: Agency):
    Agency.objects.bulk_create(
        Agency(name=f"填充机关{i}", code=f"filler{i}", kind=AgencyKind.DEPARTMENT, level=AgencyLevel.COUNTY,
               parent=parent, path=f"{parent.path}x{i}/")
        for i in range(n)
    )


@pytest.mark.parametrize("agencies", [10, 1000])
@pytest.mark.parametrize("slug", SLUGS)
def test_step_pages_stay_within_the_query_budget(editor_client, report, agency, slug, agencies,
                                                 django_assert_max_num_queries):
    add_agencies(agencies, agency.parent)
    last = ReportFactory(agency=agency, year=report.year - 1)
    report_write(report=last, cells={"apply.carried_over.natural": 1}, texts={"text.problems": "上年"})
    report_write(report=report, cells={"apply.new.natural": 1}, texts={"text.problems": "本年"})
    url = step_url(report, slug)  # outside the count: the write above left report.agency to be read again
    with django_assert_max_num_queries(MAX_QUERIES):
        assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize("agencies", [10, 1000])
def test_the_hub_stays_within_the_query_budget(editor_client, report, agency, agencies,
                                               django_assert_max_num_queries):
    add_agencies(agencies, agency.parent)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert editor_client.get(hub_url(report)).status_code == 200
