"""Production serves static files itself: hashed names cached for ever, compressed, no CDN."""
import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from django.utils.functional import empty
from whitenoise.middleware import WhiteNoiseMiddleware

# Files the pages never load (the admin's are tested by Django); what they load stays, with its source maps.
UNUSED = ("admin/*", "bootstrap-*", "*.rtl.*", "*.esm.*", "bootstrap.css*", "bootstrap.js*", "bootstrap.bundle.js*")
PRODUCTION_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    # Compressing every file takes a minute: once for the module, and only what the pages use.
    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": PRODUCTION_STORAGE}
    with override_settings(STATIC_ROOT=root, STORAGES=storages, DEBUG=False):
        call_command("collectstatic", "--noinput", *(f"--ignore={p}" for p in UNUSED), verbosity=0)
        staticfiles_storage._wrapped = empty  # the storage object is cached; take the production one
        yield root
    staticfiles_storage._wrapped = empty


def serve(path: str, encoding: str = ""):
    middleware = WhiteNoiseMiddleware(get_response=lambda request: pytest.fail(f"{path} not served"))
    return middleware(RequestFactory().get(path, HTTP_ACCEPT_ENCODING=encoding))


@pytest.mark.parametrize("name", ["bootstrap/css/bootstrap.min.css", "django_htmx/htmx-2.min.js", "css/app.css"])
def test_hashed_assets_are_cached_for_ever_and_compressed(collected, name):
    url = static(name)
    assert url != f"/static/{name}" and url.startswith("/static/")  # a content hash in the name
    response = serve(url, encoding="gzip, br")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
    assert response["Content-Encoding"] in {"br", "gzip"}
    plain = serve(url)
    assert "Content-Encoding" not in plain
    assert int(response["Content-Length"]) < int(plain["Content-Length"])


def test_pages_link_the_hashed_assets(collected, client, db):
    page = client.get("/accounts/login/").content.decode()
    assert static("bootstrap/css/bootstrap.min.css") in page
    assert static("django_htmx/htmx-2.min.js") in page
