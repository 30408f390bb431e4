"""A backup restored into an empty database holds every report identically (docs/operations.md)."""
import io
import json

import pytest
from django.core.management import call_command

from agencies.models import Agency
from reports.interchange import to_json
from reports.models import Report, ReportChange
from reports.services import report_data

pytestmark = pytest.mark.django_db(transaction=True)


def every_report():
    return {
        (r.agency.code, r.year): (r.status, r.version, json.dumps(to_json(report_data(r)), sort_keys=True))
        for r in Report.objects.select_related("agency")
    }


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
