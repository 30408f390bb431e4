"""Who may see and do what with a report: the one place that decides.

Views, services and templates ask these predicates (django-rules); a view that
does not ask is a defect the authorization tests catch. Services test the rule sets
directly (`rules.has_perm`), so a superuser's blanket permission never bypasses the
workflow (four eyes included).
"""
from __future__ import annotations

import rules

from agencies.models import Role
from agencies.roles import roles_of

from .models import ReportStatus


def _workflow(report):
    # The review app keeps the submitter and the second-review acceptance; loaded once per report object.
    from review.selectors import workflow_facts

    return workflow_facts(report)


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
def writes_government_report(user, report) -> bool:
    """The 政务公开办 writes its government's own (本级政府) report: numbers and narrative alike."""
    return report.agency.is_government and roles_of(user).has(report.agency, Role.OVERSEER)


@rules.predicate
def oversees_agency(user, report) -> bool:
    return roles_of(user).oversees(report.agency)


@rules.predicate
def oversees_government(user, government) -> bool:
    return roles_of(user).oversees(government)


@rules.predicate
def is_draft(user, report) -> bool:
    return report.status == ReportStatus.DRAFT


@rules.predicate
def is_submitted(user, report) -> bool:
    return report.status == ReportStatus.SUBMITTED


@rules.predicate
def is_approved(user, report) -> bool:
    return report.status == ReportStatus.APPROVED


@rules.predicate
def is_published(user, report) -> bool:
    return report.status == ReportStatus.PUBLISHED


@rules.predicate
def is_submitter(user, report) -> bool:
    return bool(user.pk) and _workflow(report).submitted_by_id == user.pk


@rules.predicate
def is_hands_on(user, report) -> bool:
    """Submitted the report, or changed its content in this round."""
    return _workflow(report).hands_on(user.pk)


@rules.predicate
def has_free_approver(user, report) -> bool:
    """The agency has an active approver who neither submitted nor changed the report in this round."""
    return bool(_workflow(report).free_approver_ids)


@rules.predicate
def needs_second_review(user, report) -> bool:
    return _workflow(report).second_review


@rules.predicate
def is_accepted(user, report) -> bool:
    return _workflow(report).accepted


can_view = is_site_admin | is_member_of_agency | oversees_agency
writes_report = is_editor_of_agency | writes_government_report
can_edit = writes_report & is_draft
# No dead end: where an agency has no approver free to decide (none at all, or each one submitted or
# changed this round's content), the open government office above it approves and publishes instead.
decides_for_agency = is_approver_of_agency | (oversees_agency & ~has_free_approver)
# Four eyes: whoever submitted a report never approves or returns it; they may withdraw it instead.
# Nobody approves or publishes a report whose content they changed in this round either.
can_return = ~is_submitter & (
    (is_approver_of_agency & is_submitted) | (oversees_agency & (is_submitted | is_approved))
)

rules.add_perm("report.view", can_view)
rules.add_perm("report.edit", can_edit)
rules.add_perm("report.export", can_view)
rules.add_perm("report.comment", is_member_of_agency | oversees_agency)
rules.add_perm("report.submit", writes_report & is_draft)
rules.add_perm("report.withdraw", is_submitter & is_submitted)
rules.add_perm("report.return", can_return)
rules.add_perm("report.approve", decides_for_agency & is_submitted & ~is_hands_on)
rules.add_perm("report.accept", oversees_agency & is_approved & needs_second_review & ~is_accepted)
rules.add_perm(
    "report.publish", decides_for_agency & is_approved & (~needs_second_review | is_accepted) & ~is_hands_on
)
rules.add_perm("report.correct", (writes_report | is_approver_of_agency) & is_published)
rules.add_perm("review.dashboard", is_site_admin | oversees_government)
