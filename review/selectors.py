"""Reads of the review workflow: who submitted, whether accepted, explanations, comments, events."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from agencies.models import Membership, Role
from agencies.roles import roles_of
from reports.models import Report, ReportChange, ReportStatus

from .models import Action, ReportEvent, ReportRevision, ReviewComment, WarningExplanation

# A round of review starts when the report goes back to its editors (returned, or reopened for a
# correction); the changes since then are this round's, and their authors may not decide on it.
ROUND_STARTS = (Action.RETURN, Action.CORRECT)


@dataclass(frozen=True)
class WorkflowFacts:
    submitted_by_id: int | None
    accepted: bool
    second_review: bool
    # Who changed the content in this round (four eyes by authorship).
    author_ids: frozenset[int] = frozenset()
    # Active approvers of the agency who neither submitted nor changed it in this round.
    free_approver_ids: frozenset[int] = frozenset()

    def hands_on(self, user_id: int | None) -> bool:
        return user_id is not None and (user_id == self.submitted_by_id or user_id in self.author_ids)


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
        authors = round_authors(report)
        approvers = set(
            Membership.objects.filter(agency_id=report.agency_id, role=Role.APPROVER, user__is_active=True)
            .values_list("user_id", flat=True)
        )
        free = frozenset(approvers - authors - {submitted_by_id})
        cached = WorkflowFacts(submitted_by_id, accepted, report.agency.region().second_review, authors, free)
        report._review_facts = cached
    return cached


def round_start_version(report: Report) -> int:
    """The content version at which the current round began (0: the report's first round)."""
    start = (
        ReportEvent.objects.filter(report=report, action__in=ROUND_STARTS)
        .order_by("-id").values_list("version", flat=True).first()
    )
    return start or 0


def round_authors(report: Report) -> frozenset[int]:
    """Everyone who changed a value or text of the report in the current round."""
    changes = ReportChange.objects.filter(report=report, version__gt=round_start_version(report))
    return frozenset(changes.exclude(changed_by=None).values_list("changed_by", flat=True).distinct())


def round_changed_keys(report: Report, user) -> list[str]:
    """The keys `user` changed in the current round, in the order first changed."""
    changes = ReportChange.objects.filter(report=report, version__gt=round_start_version(report), changed_by=user)
    return list(dict.fromkeys(changes.order_by("version", "id").values_list("key", flat=True)))


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


def _threads(comments: QuerySet[ReviewComment]) -> list[ReviewComment]:
    """Top-level comments, oldest first, each with `.thread` (its replies) and `.resolved_by` (a reply or None)."""
    rows = list(comments.select_related("author").order_by("at", "id"))
    tops = [c for c in rows if c.parent_id is None]
    by_id = {c.pk: c for c in tops}
    for top in tops:
        top.thread, top.resolved_by = [], None
    for reply in rows:
        top = by_id.get(reply.parent_id)
        if top is None:
            continue
        top.thread.append(reply)
        if reply.resolves and top.resolved_by is None:
            top.resolved_by = reply
    return tops


def section_comments(report: Report, section: str) -> list[ReviewComment]:
    """The threads of one section (comments with their replies)."""
    return _threads(ReviewComment.objects.filter(report=report, section=section))


def report_comments(report: Report) -> list[ReviewComment]:
    return _threads(ReviewComment.objects.filter(report=report))


@dataclass(frozen=True)
class CommentThreads:
    """Every thread of a report, read at once: a step page shows one section's and counts the open ones."""

    threads: tuple[ReviewComment, ...]

    def of_section(self, section: str) -> list[ReviewComment]:
        return [t for t in self.threads if t.section == section]

    @property
    def open_counts(self) -> dict[str, int]:
        """What `open_comment_counts` gives, from the threads."""
        counts: dict[str, int] = {}
        for top in self.threads:
            if top.resolved_by is None:
                counts[top.section] = counts.get(top.section, 0) + 1
        return counts


def comment_threads(report: Report) -> CommentThreads:
    return CommentThreads(tuple(report_comments(report)))


def open_comment_counts(report: Report) -> dict[str, int]:
    """Per section, the comments nobody has yet marked as dealt with (已处理)."""
    resolved = ReviewComment.objects.filter(parent=OuterRef("pk"), resolves=True)
    rows = (
        ReviewComment.objects.filter(report=report, parent__isnull=True)
        .exclude(Exists(resolved))
        .values("section").annotate(n=Count("id")).values_list("section", "n")
    )
    return dict(rows)


def returned_notices(reports: list[Report]) -> dict[int, ReportEvent]:
    """For each draft among `reports` whose latest transition was a return: that return (one query)."""
    drafts = [r.pk for r in reports if r.status == ReportStatus.DRAFT]
    notices: dict[int, ReportEvent] = {}
    if not drafts:
        return notices
    seen: set[int] = set()
    events = ReportEvent.objects.filter(report_id__in=drafts).select_related("actor").order_by("report_id", "-id")
    for event in events:
        if event.report_id in seen:
            continue
        seen.add(event.report_id)
        if event.action == Action.RETURN:
            notices[event.report_id] = event
    return notices


def returned_notice(report: Report) -> ReportEvent | None:
    return returned_notices([report]).get(report.pk)


def open_revision(report: Report) -> ReportRevision | None:
    return ReportRevision.objects.filter(report=report, published_at__isnull=True).first()


def review_queue(user) -> QuerySet[Report]:
    """Reports in review that the person approves (their agencies) or oversees (their regions), oldest first.

    Returned reports are listed too, while they wait for their editors, so the reviewer sees where they are.
    """
    roles = roles_of(user)
    returned = Exists(
        ReportEvent.objects.filter(report=OuterRef("pk"), action=Action.RETURN)
    ) & Q(status=ReportStatus.DRAFT)
    in_review = Q(status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED]) | returned
    scope = Q(agency_id__in=roles.agency_ids(Role.APPROVER))
    for path in roles.overseen_paths:
        scope |= Q(agency__path__startswith=path)
    if not roles.by_agency:
        return Report.objects.none()
    return Report.objects.filter(in_review & scope).select_related("agency").order_by("updated_at", "pk")
