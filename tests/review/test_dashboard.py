"""The open government office's dashboard: content, filters, reminders, and a query count independent of size."""
from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.deadlines import publication_deadline
from agencies.models import Agency, AgencyKind, AgencyLevel, Role
from reports.models import Report
from review.dashboard import dashboard_rows
from review.summaries import summaries_refresh_ids
from review.views.dashboard import ROWS_PER_PAGE
from tests.factories import AgencyFactory, MembershipFactory, ReportFactory

from .test_pages import login

pytestmark = pytest.mark.django_db


def dashboard_url(world, year=2024):
    return reverse("review:dashboard", args=[world.government.code, year])


def add_agencies(world, count: int):
    for i in range(count):
        agency = AgencyFactory(parent=world.government)
        MembershipFactory(agency=agency, role=Role.EDITOR)
        if i % 2:
            ReportFactory(agency=agency, year=2024)


def add_agencies_in_bulk(world, count: int):
    """Thousands of agencies quickly: bulk inserts, paths set by hand, a report for every other one."""
    agencies = Agency.objects.bulk_create(
        Agency(name=f"批量第{i}局", code=f"bulk-{i}", kind=AgencyKind.DEPARTMENT, level=AgencyLevel.COUNTY,
               parent=world.government)
        for i in range(count)
    )
    for agency in agencies:
        agency.path = f"{world.government.path}{agency.pk}/"
    Agency.objects.bulk_update(agencies, ["path"], batch_size=500)
    Report.objects.bulk_create(Report(agency=a, year=2024, format_id="gov-2021") for a in agencies[::2])


def test_only_the_overseer_of_the_region_sees_it(client, world):
    for name, expected in [("overseer", 200), ("overseer_other", 403), ("editor", 403), ("approver", 403)]:
        client.logout()
        login(client, world.user(name))
        assert client.get(dashboard_url(world)).status_code == expected, name
    client.logout()
    assert client.get(dashboard_url(world)).status_code == 302


def test_rows_show_status_counts_and_deadline(client, world, report, findings):
    from review.summaries import summary_refresh

    from .conftest import FakeFinding

    findings.current = [FakeFinding("APPLY-BALANCE", "error"), FakeFinding("VALUE-RANGE", "warning")]
    summary_refresh(report)
    rows = {r.agency.code: r for r in dashboard_rows(world.government, 2024, today=date(2025, 2, 3))}
    row = rows["gulou-xinfang"]
    assert (row.status, row.errors, row.warnings, row.deadline, row.days_left, row.overdue) == (
        "draft", 1, 1, date(2025, 1, 31), -3, True)
    assert rows["gulou"].status == "missing"
    assert "xigong-shequ" not in rows
    login(client, world.user("overseer"))
    page = client.get(dashboard_url(world)).content.decode()
    assert world.agency.name in page and world.other_agency.name not in page


def test_region_setting_moves_the_deadline(world):
    world.government.deadline_month, world.government.deadline_day = 2, 30
    world.government.save()
    assert publication_deadline(world.agency, 2023, region=world.government) == date(2024, 2, 29)
    # The government's own report keeps at least until 3月31日, as the cross-checks say.
    assert publication_deadline(world.government, 2023, region=world.government) == date(2024, 3, 31)


def test_filter_and_sort(client, world, report):
    login(client, world.user("overseer"))
    page = client.get(dashboard_url(world), {"status": "missing", "sort": "-changed"}).content.decode()
    assert world.government.name in page and world.agency.name not in page
    page = client.get(dashboard_url(world), {"status": "draft"}).content.decode()
    assert world.agency.name in page


def test_bulk_reminder_reaches_the_editors_of_the_checked_agencies(client, world, report):
    login(client, world.user("overseer"))
    response = client.post(reverse("review:remind", args=[world.government.code, 2024]),
                           {"agency": [world.agency.pk, world.other_agency.pk]})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["editor2@example.org", "editor@example.org"]


def queries_for(client, world) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(dashboard_url(world)).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_region(client, world, django_assert_max_num_queries):
    """Counted twice at each size: first with every check count stale (recounted in bulk), then fresh."""
    login(client, world.user("overseer"))
    add_agencies(world, 20)
    small = (queries_for(client, world), queries_for(client, world))
    add_agencies(world, 180)
    with django_assert_max_num_queries(15):
        assert client.get(dashboard_url(world)).status_code == 200
    summaries_refresh_ids(Report.objects.values_list("pk", flat=True))  # what the page left to the background
    assert queries_for(client, world) == small[1]
    add_agencies(world, 20)
    assert (queries_for(client, world), queries_for(client, world)) == small


def test_second_review_shows_what_awaits_the_overseer(client, world, report):
    from review import services

    world.government.second_review = True
    world.government.save()
    services.report_submit(report=report, by=world.user("editor"))
    services.report_approve(report=report, by=world.user("approver"))
    login(client, world.user("overseer"))
    assert "待政务公开办复核" in client.get(dashboard_url(world)).content.decode()
    services.report_accept(report=report, by=world.user("overseer"))
    assert "待政务公开办复核" not in client.get(dashboard_url(world)).content.decode()


def test_query_count_is_the_same_for_20_and_2000_agencies(client, world, django_assert_max_num_queries):
    login(client, world.user("overseer"))
    add_agencies(world, 20)
    queries_for(client, world)  # counts the new reports once
    small = queries_for(client, world)
    add_agencies_in_bulk(world, 2000)
    summaries_refresh_ids(Report.objects.values_list("pk", flat=True))  # what the background recount does
    with django_assert_max_num_queries(15):
        response = client.get(dashboard_url(world))
    assert response.content.decode().count('name="agency"') == ROWS_PER_PAGE
    assert queries_for(client, world) == small


def agencies_listed(html: str) -> list[str]:
    return re.findall(r'<input class="form-check-input" type="checkbox" name="agency" value="(\d+)"', html)


def test_a_large_level_is_listed_page_by_page_with_its_filters(client, world):
    login(client, world.user("overseer"))
    add_agencies_in_bulk(world, 450)
    first = client.get(dashboard_url(world), {"sort": "status"}).content.decode()
    assert "第 1–200 个机关，共 45" in first  # 450 in bulk, and the world's own few
    assert 'href="?sort=status&amp;page=2#dashboard"' in first and 'rel="next"' in first
    seen = []
    for number in (1, 2, 3):
        html = client.get(dashboard_url(world), {"sort": "status", "page": number}).content.decode()
        seen += agencies_listed(html)
    remindable = [r for r in dashboard_rows(world.government, 2024, today=date(2025, 1, 1)) if r.remindable]
    assert sorted(seen) == sorted(str(r.agency.pk) for r in remindable)  # each exactly once
    beyond = client.get(dashboard_url(world), {"sort": "status", "page": 99}).content.decode()
    assert agencies_listed(beyond) == agencies_listed(html)  # past the end: the last page
    assert 'rel="next"' not in beyond and 'rel="prev"' in beyond
    assert client.get(dashboard_url(world), {"page": "abc"}).status_code == 200


def test_a_small_level_has_no_pager(client, world, report):
    login(client, world.user("overseer"))
    assert "机关列表分页" not in client.get(dashboard_url(world)).content.decode()
