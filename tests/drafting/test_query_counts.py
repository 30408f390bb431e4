"""Every step page reads a fixed number of rows, however many agencies the database holds."""
import pytest

from agencies.models import Agency, AgencyKind, AgencyLevel
from reports.services import report_write
from tests.drafting.conftest import hub_url, step_url
from tests.drafting.test_pages import SLUGS
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

# The session, the user, the report with last year's report and the agency's parent (its region), the roles,
# both years' content (two), the review comments (the task list: also the latest return).
MAX_QUERIES = 8


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


# The session, the user, the report with last year's, the roles, both years' content (two); the write (its
# savepoint pair, the lock, the stored cells, a cell and its total, the version, the history); the check counts.
WRITE_QUERIES = 15


@pytest.mark.parametrize("suffix, status", [("live/", 200), ("", 302)])
def test_a_live_check_and_a_save_of_one_cell_stay_within_the_query_budget(
        editor_client, report, agency, suffix, status, django_assert_max_num_queries):
    last = ReportFactory(agency=agency, year=report.year - 1)
    report_write(report=last, cells={"apply.carried_over.natural": 1})
    url = step_url(report, "apply", suffix)
    with django_assert_max_num_queries(WRITE_QUERIES):
        response = editor_client.post(url, {"version": report.version, "apply.new.natural": "3"})
    assert response.status_code == status
