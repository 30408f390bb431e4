"""Reads of the review workflow: who submitted, whether accepted, explanations, comments, events."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from agencies.models import Role
from agencies.roles import roles_of
from reports.models import Report, ReportStatus

from .models import Action, ReportEvent, ReportRevision, ReviewComment, WarningExplanation


@dataclass(frozen=True)
class WorkflowFacts:
    submitted_by_id: int | None
    accepted: bool
    second_review: bool


def workflow_facts(report: Report) -> WorkflowFacts:
    """What the permission predicates need beyond the status; cached on the report object.

    The services drop the cache after each transition (`forget_workflow_facts`).
    """
    cached = getattr(report, "_review_facts", None)
    if cached is None:
        last = (
            ReportEvent.objects.filter(report=report, action__in=[Action.SUBMIT, Action.APPROVE, Action.ACCEPT])
            .values_list("action", "actor_id")
            .order_by("-at", "-id")
        )
        submitted_by_id, accepted = None, False
        for position, (action, actor_id) in enumerate(last):
            if position == 0:
                accepted = action == Action.ACCEPT
            if action == Action.SUBMIT:
                submitted_by_id = actor_id
                break
        cached = WorkflowFacts(submitted_by_id, accepted, report.agency.region().second_review)
        report._review_facts = cached
    return cached


def forget_workflow_facts(report: Report) -> None:
    report.__dict__.pop("_review_facts", None)


def report_events(report: Report) -> QuerySet[ReportEvent]:
    return ReportEvent.objects.filter(report=report).select_related("actor").order_by("-at", "-id")


def last_event(report: Report, action: str) -> ReportEvent | None:
    return report_events(report).filter(action=action).first()


def latest_explanations(report: Report) -> list[WarningExplanation]:
    """The warning explanations given with the latest submission."""
    submission = last_event(report, Action.SUBMIT)
    if submission is None:
        return []
    return list(submission.explanations.all())


def section_comments(report: Report, section: str) -> QuerySet[ReviewComment]:
    return ReviewComment.objects.filter(report=report, section=section).select_related("author")


def report_comments(report: Report) -> QuerySet[ReviewComment]:
    return ReviewComment.objects.filter(report=report).select_related("author")


def open_revision(report: Report) -> ReportRevision | None:
    return ReportRevision.objects.filter(report=report, published_at__isnull=True).first()


def review_queue(user) -> QuerySet[Report]:
    """Reports in review that the person approves (their agencies) or oversees (their regions), oldest first."""
    roles = roles_of(user)
    in_review = Q(status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED])
    scope = Q(agency_id__in=roles.agency_ids(Role.APPROVER))
    for path in roles.overseen_paths:
        scope |= Q(agency__path__startswith=path)
    if not roles.by_agency:
        return Report.objects.none()
    return Report.objects.filter(in_review & scope).select_related("agency").order_by("updated_at", "pk")
