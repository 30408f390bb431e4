"""Print every report of the configured database as JSON (`python -m tests.backup_fingerprint`).

The backup tests compare this between the original and the restored database.
"""
import json
import os
import sys


def fingerprint() -> dict:
    from audit.models import AuditEntry
    from reports.interchange import to_json
    from reports.models import Report, ReportChange
    from reports.services import report_data
    from review.models import ReportEvent

    reports = {
        f"{r.agency.code}/{r.year}": [r.status, r.version, to_json(report_data(r))]
        for r in Report.objects.select_related("agency").order_by("agency__code", "year")
    }
    return {
        "reports": reports,
        "changes": ReportChange.objects.count(),
        "events": ReportEvent.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    sys.stdout.write(canonical(fingerprint()))
