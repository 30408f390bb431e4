"""docker-compose.yml and the Dockerfile run what production needs (no Docker engine here: read, not run)."""
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from reports.importers.reading import MAX_BYTES
from tests.conftest import require_system

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
MB = 1024 * 1024


def test_compose_runs_postgres_web_and_worker():
    assert set(SERVICES) == {"db", "web", "worker", "proxy"}
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


def nginx_directives() -> dict[str, list[str]]:
    text = re.sub(r"#.*", "", NGINX_CONF.read_text())
    found: dict[str, list[str]] = {}
    for name, value in re.findall(r"^\s*([a-z_]+)\s+([^;{]*);", text, re.MULTILINE):
        found.setdefault(name, []).append(value.strip())
    return found


def size_in_bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kmg]?)", value.lower()).groups()
    return int(number) * {"": 1, "k": 1024, "m": MB, "g": 1024 * MB}[unit]


def test_only_the_buffering_proxy_faces_the_network():
    """Gunicorn's sync workers stalled on three slow clients and spooled a 300 MiB body before refusing it."""
    assert "ports" not in SERVICES["web"]
    proxy = SERVICES["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert proxy["ports"] == ["8000:80"]
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    # The static files the proxy serves are the ones the web service collected.
    assert "static:/srv/static:ro" in proxy["volumes"] and "static:/app/var/static" in SERVICES["web"]["volumes"]
    assert "collectstatic --noinput" in SERVICES["web"]["command"]
    assert SERVICES["web"]["environment"]["BEHIND_TLS_PROXY"] == "${BEHIND_TLS_PROXY:-1}"


def test_the_proxy_limits_bodies_to_the_upload_size_and_drops_slow_clients():
    directives = nginx_directives()
    [body_limit] = directives["client_max_body_size"]
    assert MAX_BYTES < size_in_bytes(body_limit) <= MAX_BYTES + MB
    for name in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        [value] = directives[name]
        assert int(value.rstrip("s")) <= 30, name
    assert directives["proxy_request_buffering"] == ["on"] and directives["proxy_buffering"] == ["on"]
    assert directives["proxy_pass"] == ["http://nianbao_web"] and directives["server"][0] == "web:8000"
    # Longer than gunicorn's worker timeout, so that its answer (or error page) reaches the client.
    gunicorn_timeout = int(re.search(r"--timeout (\d+)", SERVICES["web"]["command"]).group(1))
    assert int(directives["proxy_read_timeout"][0].rstrip("s")) > gunicorn_timeout
    assert directives["alias"] == ["/srv/static/"]
    assert directives["proxy_set_header"].count("X-Forwarded-For $remote_addr") == 1


def test_the_proxy_configuration_is_valid_nginx(tmp_path):
    nginx = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    require_system(nginx is not None, "nginx is not installed (apt-get install nginx-light)")
    # No Docker network here: the upstream host is the only thing to replace.
    (tmp_path / "site.conf").write_text(NGINX_CONF.read_text().replace("server web:8000;", "server 127.0.0.1:8000;"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n include {tmp_path}/site.conf;\n}}\n")
    checked = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                             check=False, capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr
