"""The database restarts under a running app: requests meanwhile fail cleanly, then the app recovers.

Real processes: a private PostgreSQL cluster, the app under gunicorn with production settings
and persistent connections, a client holding the session cookie across the restart.
"""
from __future__ import annotations

import psycopg
import pytest

from tests.factories import PASSWORD

from .cluster import free_port, private_cluster, remove
from .server import App, Client, manage, production_env

AGENCY, YEAR = "faults-agency", 2024
STEP = f"/reports/{AGENCY}/{YEAR}/steps/apply/"
HUB = f"/reports/{AGENCY}/{YEAR}/"
CELL = "apply.new.natural"
UNAVAILABLE = "暂时无法连接数据库"

SEED = f"""
from agencies.models import Role
from tests.factories import AgencyFactory, MembershipFactory, ReportFactory, UserFactory
agency = AgencyFactory(code="{AGENCY}")
MembershipFactory(agency=agency, role=Role.EDITOR, user=UserFactory(username="editor"))
ReportFactory(agency=agency, year={YEAR})
"""


@pytest.fixture
def cluster(tmp_path):
    cluster = private_cluster(tmp_path)
    yield cluster
    remove(cluster)


@pytest.fixture
def app(cluster, tmp_path):
    env = production_env(cluster.url, tmp_path)
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", SEED)
    app = App(env, free_port(), tmp_path / "app.log")
    yield app
    app.stop()


def query(cluster, sql: str, *params) -> list[tuple]:
    with psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname=nianbao") as db:
        return db.execute(sql, params).fetchall()


def content(cluster) -> tuple:
    """The report's version, values and recorded changes, read directly from the database."""
    [(report_id, version)] = query(cluster, "SELECT r.id, r.version FROM reports_report r JOIN agencies_agency a"
                                            " ON a.id = r.agency_id WHERE a.code = %s AND r.year = %s", AGENCY, YEAR)
    values = dict(query(cluster, "SELECT key, number FROM reports_reportvalue WHERE report_id = %s", report_id))
    [(changes,)] = query(cluster, "SELECT count(*) FROM reports_reportchange WHERE report_id = %s", report_id)
    return version, values, changes


def app_connections(cluster) -> int:
    [(count,)] = query(cluster, "SELECT count(*) FROM pg_stat_activity WHERE datname = 'nianbao'"
                                " AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
    return count


def save(client: Client, number: int, *, version: str | None = None):
    """Post the step form; `version` as a form loaded earlier holds it, else as loaded now."""
    version = version or client.get(STEP).field("version")
    return client.post(STEP, {"version": version, CELL: str(number)})


def assert_unavailable(page) -> None:
    assert page.status == 503, page.text[:300]
    assert UNAVAILABLE in page.text
    assert "Traceback" not in page.text and "Server Error" not in page.text
    assert page.headers["Retry-After"]


def test_requests_fail_cleanly_while_the_database_restarts_and_the_app_recovers(cluster, app):
    app.wait_ready()
    client = Client(app.port)
    client.log_in("editor", PASSWORD)
    assert save(client, 3).status == 302
    before = content(cluster)
    assert before[1] == {CELL: 3, "apply.new.total": 3}
    assert app_connections(cluster) >= 1, "the app should keep its connection between requests (CONN_MAX_AGE)"
    loaded_version = client.get(STEP).field("version")

    cluster.stop()
    assert_unavailable(save(client, 7, version=loaded_version))
    assert_unavailable(client.get(HUB))

    cluster.start()
    assert client.get(HUB).status == 200, "the same session cookie works after the restart"
    assert content(cluster) == before, "the failed save wrote nothing"
    assert save(client, 9).status == 302
    assert content(cluster)[1][CELL] == 9
    assert 'value="9"' in client.get(STEP).text
