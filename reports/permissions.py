"""Who may see and do what with a report: the one place that decides.

Views, services and templates ask these predicates (django-rules); a view that
does not ask is a defect the authorization tests catch.
"""
from __future__ import annotations

import rules

from agencies.models import Role
from agencies.roles import roles_of

from .models import ReportStatus


@rules.predicate
def is_site_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def is_member_of_agency(user, report) -> bool:
    return roles_of(user).is_member(report.agency)


@rules.predicate
def is_editor_of_agency(user, report) -> bool:
    return roles_of(user).has(report.agency, Role.EDITOR)


@rules.predicate
def is_approver_of_agency(user, report) -> bool:
    return roles_of(user).has(report.agency, Role.APPROVER)


@rules.predicate
def oversees_agency(user, report) -> bool:
    return roles_of(user).oversees(report.agency)


@rules.predicate
def is_draft(user, report) -> bool:
    return report.status == ReportStatus.DRAFT


@rules.predicate
def is_published(user, report) -> bool:
    return report.status == ReportStatus.PUBLISHED


can_view = is_site_admin | is_member_of_agency | oversees_agency
can_edit = is_editor_of_agency & is_draft

rules.add_perm("report.view", can_view)
rules.add_perm("report.edit", can_edit)
rules.add_perm("report.export", can_view)
