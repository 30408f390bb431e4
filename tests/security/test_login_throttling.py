"""Login throttling (django-axes): wrong passwords lock one user name from one address out for a while."""
import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_enabled")]

PASSWORD = "correct-horse-battery-7"


@pytest.fixture
def axes_enabled():
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3):
        yield


@pytest.fixture
def user():
    return UserFactory(username="clerk", password=PASSWORD)


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_wrong_password_is_refused_with_the_form_again(client, user):
    response = attempt(client, "clerk", "wrong")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_the_limit_locks_the_user_out_even_with_the_right_password(client, user):
    for _ in range(3):
        attempt(client, "clerk", "wrong")
    response = attempt(client, "clerk", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多" in page and "15 分钟" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_only_for_that_user_name_and_address(client, user):
    UserFactory(username="colleague", password=PASSWORD)
    for _ in range(3):
        attempt(client, "clerk", "wrong")
    assert attempt(client, "colleague", PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, "clerk", PASSWORD, address="10.0.0.2").status_code == 302


def test_a_right_password_before_the_limit_clears_the_count(client, user):
    for _ in range(2):
        attempt(client, "clerk", "wrong")
    assert attempt(client, "clerk", PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        attempt(client, "clerk", "wrong")
    assert attempt(client, "clerk", PASSWORD).status_code == 302


def test_a_forwarded_for_header_does_not_dodge_the_lock_without_a_proxy(client, user):
    for n in range(3):
        client.post(reverse("login"), {"username": "clerk", "password": "wrong"},
                    REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = client.post(reverse("login"), {"username": "clerk", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429
