"""Writing audit entries: one call per action, from the service or view that performs it."""
from __future__ import annotations

from .models import AuditAction, AuditEntry


def client_address(request) -> str | None:
    # REMOTE_ADDR only: behind a proxy the proxy's address is what the server can vouch for.
    return request.META.get("REMOTE_ADDR") if request is not None else None


def audit_record(action: AuditAction, *, by=None, report=None, agency=None, request=None, **detail) -> AuditEntry:
    if by is None and request is not None and request.user.is_authenticated:
        by = request.user
    return AuditEntry.objects.create(
        action=action,
        actor=by if by is not None and by.pk else None,
        report=report,
        agency=agency or report.agency,
        version=report.version if report is not None else None,
        detail=detail,
        address=client_address(request),
    )
