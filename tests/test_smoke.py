import pytest

from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db


def test_login_page_speaks_chinese(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_home_lists_the_agencies_of_the_user(client):
    membership = MembershipFactory()
    client.login(username=membership.user.username, password=PASSWORD)
    response = client.get("/")
    assert membership.agency.name in response.content.decode()


def test_home_offers_overseers_their_region_pages(client):
    from agencies.models import Role
    from tests.factories import GovernmentFactory

    government = GovernmentFactory()
    membership = MembershipFactory(agency=government, role=Role.OVERSEER)
    client.login(username=membership.user.username, password=PASSWORD)
    page = client.get("/").content.decode()
    assert f"/review/dashboard/{government.code}/" in page
    assert f"/publication/government/{government.code}/" in page
    assert "/review/" in page  # the review queue in the navigation


def test_editor_navigation_has_no_review_queue(client):
    membership = MembershipFactory()
    client.login(username=membership.user.username, password=PASSWORD)
    page = client.get("/").content.decode()
    assert 'href="/review/"' not in page
    assert 'href="/public/"' in page


def test_hub_links_to_import_and_review(client):
    from tests.factories import ReportFactory

    membership = MembershipFactory()
    report = ReportFactory(agency=membership.agency, year=2026)
    client.login(username=membership.user.username, password=PASSWORD)
    page = client.get(f"/reports/{report.agency.code}/2026/").content.decode()
    assert f"/reports/{report.agency.code}/2026/import/" in page
    assert f"/review/{report.agency.code}/2026/" in page
