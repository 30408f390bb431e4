"""Production settings pass Django's deployment checks; missing PDF dependencies are reported."""
import os
import re
import subprocess
import sys
from pathlib import Path

from django.core.checks import Warning

from reports import checks

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    # Only what a process needs to run: the test settings' own variables must not leak in.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, env={**clean, **env},
        timeout=120, check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY="x7Gq-" + "k" * 30 + "9fPz_2mLrT8vW3yB",
        ALLOWED_HOSTS="nianbao.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DATABASE_URL="sqlite:////tmp/unused.sqlite3")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_system_check_warns_without_cjk_font_or_harfbuzz(monkeypatch):
    monkeypatch.setattr(checks, "cjk_font_families", lambda: ())
    monkeypatch.setattr(checks, "has_harfbuzz_subset", lambda: False)
    found = checks.check_pdf_dependencies(None)
    assert {w.id for w in found} == {"nianbao.W001", "nianbao.W002"}
    assert all(isinstance(w, Warning) for w in found)


def test_system_check_quiet_when_installed(monkeypatch):
    monkeypatch.setattr(checks, "cjk_font_families", lambda: ("Noto Serif CJK SC",))
    monkeypatch.setattr(checks, "has_harfbuzz_subset", lambda: True)
    assert checks.check_pdf_dependencies(None) == []


def test_test_settings_pin_every_variable_the_settings_read():
    from config import test_settings

    source = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r'(?:environ\.get|env_bool|env_list)\(\s*"([A-Z_]+)"', source))
    assert {"DEBUG", "SECRET_KEY", "EMAIL_HOST"} <= read
    assert read == test_settings.from_caller | set(test_settings.pinned) | test_settings.defaulted


def test_the_suite_ignores_what_the_callers_shell_exports():
    """As after trying the app by hand: DEBUG=1, the production settings module, a real key and mail server."""
    exported = {
        "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "from-the-shell",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "mail.example.gov.cn",
        "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "DEBUG",
    }
    # The caller's DATABASE_URL is left out: the outer run may be using that database right now.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | exported
    test = "tests/security/test_headers.py::test_session_and_csrf_cookies_are_secure_in_production"
    probe = "tests/test_settings.py::test_settings_seen_by_a_test_are_the_pinned_ones"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", test, probe], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "2 passed" in result.stdout


def test_settings_seen_by_a_test_are_the_pinned_ones(settings):
    from config import settings as production

    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the test settings
    assert not settings.DEBUG and not production.DEBUG
    assert settings.SECRET_KEY.startswith("test-only-")
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    assert production.EMAIL_HOST == "localhost"
    assert settings.SECURE_HSTS_SECONDS == 31536000
