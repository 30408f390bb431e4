"""The database state a request may change, to compare before and after it."""
from __future__ import annotations

from publication.models import BatchExport
from reports.models import Report, ReportChange, ReportText, ReportValue
from review.models import ReportEvent, ReportRevision, ReviewComment, WarningExplanation


def database_state() -> dict:
    """Every report with its content and history, and the workflow records: nothing else changes them."""
    return {
        "reports": sorted(Report.objects.values_list("pk", "agency_id", "year", "status", "title", "signed_on",
                                                     "version")),
        "values": sorted(ReportValue.objects.values_list("report_id", "key", "number", "amount")),
        "texts": sorted(ReportText.objects.values_list("report_id", "key", "body")),
        "changes": ReportChange.objects.count(),
        "events": ReportEvent.objects.count(),
        "comments": ReviewComment.objects.count(),
        "explanations": WarningExplanation.objects.count(),
        "revisions": sorted(ReportRevision.objects.values_list("pk", "number", "reason")),
        "exports": BatchExport.objects.count(),
    }
