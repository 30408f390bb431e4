"""An unexpected error shows a page in Chinese, rendered without touching the database."""
import pytest
from django.test import Client
from django.urls import path

from config import urls as project_urls
from tests.factories import PASSWORD, UserFactory


def broken(request):
    raise RuntimeError("unexpected")


urlpatterns = [path("broken/", broken), *project_urls.urlpatterns]


@pytest.mark.django_db
@pytest.mark.urls("tests.test_error_pages")
def test_a_server_error_gets_the_chinese_page(django_assert_max_num_queries):
    UserFactory(username="clerk")
    client = Client(raise_request_exception=False)
    client.login(username="clerk", password=PASSWORD)
    with django_assert_max_num_queries(2):  # the session and its user, read by the login check
        response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "出错了" in page and "此前保存的内容没有改变" in page
    assert "Traceback" not in page
