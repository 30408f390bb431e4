import pytest

from tests.factories import MembershipFactory, PASSWORD

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
