"""A backup restored into an empty database holds every report identically (docs/operations.md)."""
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from agencies.models import Agency
from reports.models import Report, ReportChange

from .backup_fingerprint import canonical, fingerprint

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


def every_report():
    return canonical(fingerprint())


def test_dumpdata_and_loaddata_restore_every_report(tmp_path):
    call_command("loaddemo")
    before = every_report()
    changes = ReportChange.objects.count()
    backup = tmp_path / "backup.json"
    out = io.StringIO()
    call_command("dumpdata", "--natural-foreign", "--exclude=contenttypes", "--exclude=auth.permission",
                 "--exclude=sessions", "--exclude=admin.logentry", stdout=out)
    backup.write_text(out.getvalue(), encoding="utf-8")

    call_command("flush", "--no-input")
    assert not Report.objects.exists() and not Agency.objects.exists()

    call_command("loaddata", str(backup))
    assert every_report() == before
    assert ReportChange.objects.count() == changes


def postgres_url(name: str) -> str:
    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    return f"postgres://{auth}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"


def test_pg_dump_and_pg_restore_restore_every_report(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backup runs when the suite runs on PostgreSQL (DATABASE_URL)")
    for tool in ("pg_dump", "pg_restore", "createdb", "dropdb"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: PostgreSQL's client tools come with PostgreSQL")
    call_command("loaddemo")
    before = every_report()
    dump = tmp_path / "nianbao.dump"
    source = postgres_url(connection.settings_dict["NAME"])
    restored = f"{connection.settings_dict['NAME']}_restored"
    target = postgres_url(restored)
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--dbname={source}", f"--file={dump}"], check=True)
    maintenance = postgres_url("postgres")
    subprocess.run(["dropdb", "--if-exists", f"--maintenance-db={maintenance}", restored], check=True)
    subprocess.run(["createdb", f"--maintenance-db={maintenance}", restored], check=True)
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={target}", str(dump)], check=True)
        env = {**os.environ, "DATABASE_URL": target}
        after = subprocess.run([sys.executable, "-m", "tests.backup_fingerprint"], cwd=ROOT, env=env,
                               capture_output=True, text=True, check=True).stdout
    finally:
        subprocess.run(["dropdb", "--if-exists", f"--maintenance-db={maintenance}", restored], check=True)
    assert after == before
    assert '"gulou-xinfang/2025"' in after
