"""docker-compose.yml and the Dockerfile run what production needs (no Docker engine here: read, not run)."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_compose_runs_postgres_web_and_worker():
    assert set(SERVICES) == {"db", "web", "worker"}
    assert SERVICES["db"]["image"] == "postgres:15"
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["db"]["volumes"]
    assert "pgdata" in COMPOSE["volumes"]
    assert "gunicorn config.wsgi:application" in SERVICES["web"]["command"]
    assert "migrate --noinput" in SERVICES["web"]["command"]
    assert SERVICES["worker"]["command"] == "python manage.py db_worker"


def test_web_has_a_health_check_on_the_health_endpoint():
    check = SERVICES["web"]["healthcheck"]["test"]
    assert any("/healthz" in part for part in check)
    assert SERVICES["worker"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert SERVICES["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "/healthz" in (ROOT / "Dockerfile").read_text()


def test_production_settings_come_from_the_environment():
    for name in ("web", "worker"):
        env = SERVICES[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["SECRET_KEY"] == "${SECRET_KEY:?set SECRET_KEY in .env}"
        assert "DEBUG" not in env


def test_every_variable_settings_read_is_documented_in_the_readme():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    names = set(re.findall(r'(?:environ\.get|env_bool|env_list)\(\s*"([A-Z_]+)"', settings_source))
    assert {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"} <= names
    readme = (ROOT / "README.md").read_text()
    assert [n for n in sorted(names) if n not in readme] == []


def test_the_image_serves_static_files_compressed_and_runs_as_a_plain_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.MULTILINE)
    settings_source = (ROOT / "config" / "settings.py").read_text()
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in settings_source
