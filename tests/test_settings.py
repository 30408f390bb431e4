"""Production settings pass Django's deployment checks; missing PDF dependencies are reported."""
import os
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
