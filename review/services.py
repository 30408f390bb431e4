"""The review workflow: every change of a report's status, and the comments on it.

Each transition locks the report row, checks that nobody acted since the page the person
decided on (`seen_event`), the current status, then the actor (through the permission
predicates in reports/permissions.py), records a ReportEvent and refuses otherwise. Of two
people deciding at once, the second waits for the lock and is told who decided first.
Mail goes out only once the transaction has committed.
"""
from __future__ import annotations

from collections.abc import Mapping

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.people import person_name
from reports import selectors as report_selectors
from reports.interchange import to_json
from reports.models import Report, ReportStatus
from reports.normalize import normalize_text
from reports.permissions import decides_for_agency
from reports.rules import ERROR, SUBMIT, WARNING
from reports.services import report_data

from . import notifications
from .models import Action, ReportEvent, ReportRevision, ReviewComment, WarningExplanation
from .sections import section_choices
from .selectors import forget_workflow_facts, open_revision, round_changed_keys, workflow_facts
from .summaries import summary_store


class TransitionRefused(PermissionDenied):
    """The report is not in a state that allows this, or the request lacks what it needs."""


class Superseded(TransitionRefused):
    """Someone acted on the report after the person loaded the page they decide from."""


class SubmissionBlocked(TransitionRefused):
    """Errors block a submission; each warning needs an explanation."""

    def __init__(self, *, errors: list, unexplained: list[str]):
        self.errors, self.unexplained = errors, unexplained
        if errors:
            message = _("The report has %(count)d errors; correct them before submitting.") % {"count": len(errors)}
        else:
            message = _("Explain each warning before submitting: %(rules)s.") % {"rules": ", ".join(unexplained)}
        super().__init__(message)


def _lock(report: Report) -> Report:
    # Only the report row: locking its agency too would queue every report of the agency behind this one.
    return Report.objects.select_for_update(of=("self",)).select_related("agency").get(pk=report.pk)


def last_event(report: Report) -> ReportEvent | None:
    """The latest transition; its id is what a decision page was loaded at (`seen_event`)."""
    return ReportEvent.objects.filter(report=report).select_related("actor").order_by("-id").first()


def _describe(event: ReportEvent) -> dict[str, str]:
    actor = event.actor
    return {
        "who": person_name(actor) if actor else _("someone"),
        "at": timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M"),
        "action": event.get_action_display(),
    }


def _require_unchanged(report: Report, seen_event: int | None) -> None:
    if seen_event is None:
        return
    last = last_event(report)
    if (last.pk if last else 0) == seen_event:
        return
    if last is None:
        raise Superseded(_("This cannot be done now."))
    raise Superseded(
        _("%(who)s already acted on this report at %(at)s (%(action)s); the page you decided on was out of "
          "date. Reload it and decide again.") % _describe(last)
    )


def _require_status(report: Report, allowed: tuple[str, ...], doing: str) -> None:
    if report.status in allowed:
        return
    last = last_event(report)
    if last is None:
        raise TransitionRefused(
            _("This report is %(status)s; it cannot be %(doing)s.")
            % {"status": report.get_status_display(), "doing": doing}
        )
    raise TransitionRefused(
        _("This report is %(status)s (%(action)s by %(who)s at %(at)s); it cannot be %(doing)s.")
        % {"status": report.get_status_display(), "doing": doing, **_describe(last)}
    )


def _require(perm: str, by, report: Report) -> None:
    # rules.has_perm, not by.has_perm: a superuser's blanket permission must not skip the workflow.
    if not rules.has_perm(perm, by, report):
        raise PermissionDenied(_("You may not do this with this report."))


def four_eyes_refusal(report: Report, user, doing: str) -> str:
    """Why `user`, who otherwise decides for the agency, may not approve or publish: "" when they may.

    Four eyes by authorship: not only who clicked 提交, but whoever changed the content in this round.
    """
    facts = workflow_facts(report)
    if not facts.hands_on(user.pk) or not decides_for_agency.test(user, report):
        return ""
    if user.pk == facts.submitted_by_id:
        return _("You submitted this report, so you may not %(doing)s it: another approver must (four eyes).") % {
            "doing": doing}
    keys = round_changed_keys(report, user)
    shown = _(", ").join(report.format.label_of(k) for k in keys[:3])
    if len(keys) > 3:
        shown = _("%(items)s and more") % {"items": shown}
    return _("You changed the content of this report in this round (%(keys)s), so you may not %(doing)s it: "
             "another approver must (four eyes).") % {"keys": shown, "doing": doing}


def _require_four_eyes(report: Report, by, doing: str) -> None:
    reason = four_eyes_refusal(report, by, doing)
    if reason:
        raise TransitionRefused(reason)


def _record(report: Report, *, by, action: str, to_status: str, comment: str = "") -> ReportEvent:
    comment = normalize_text(comment)
    event = ReportEvent.objects.create(
        report=report, actor=by, action=action, from_status=report.status, to_status=to_status,
        version=report.version, comment=comment,
    )
    if to_status != report.status:
        Report.objects.filter(pk=report.pk).update(status=to_status)
        report.status = to_status
    return event


def _sync(report: Report, locked: Report) -> None:
    """Give the caller's object the new status and drop its cached workflow facts."""
    report.status = locked.status
    forget_workflow_facts(report)
    forget_workflow_facts(locked)


def _required_text(value: str, message: str) -> str:
    value = normalize_text(value)
    if not value:
        raise TransitionRefused(message)
    return value


def report_submit(*, report: Report, by, explanations: Mapping[str, str] | None = None) -> ReportEvent:
    """Draft -> submitted. Runs the submission check: errors block, each warning rule needs an explanation.

    The check runs before the row is locked (it reads a good deal) and its counts are kept even
    when it blocks; the transition then refuses if the content changed in between.
    """
    current = Report.objects.select_related("agency").get(pk=report.pk)
    _require_status(current, (ReportStatus.DRAFT,), _("submitted"))
    _require("report.submit", by, current)
    findings = report_selectors.check_report(current, stage=SUBMIT)
    summary_store(current, findings)
    explanations = {rule: normalize_text(text) for rule, text in (explanations or {}).items()}
    errors = [f for f in findings if f.severity == ERROR]
    warnings: dict[str, str] = {}
    for finding in findings:
        if finding.severity == WARNING:
            warnings.setdefault(finding.rule, finding.message)
    unexplained = [rule for rule in warnings if not explanations.get(rule)]
    if errors or unexplained:
        raise SubmissionBlocked(errors=errors, unexplained=unexplained)
    with transaction.atomic():
        locked = _lock(report)
        _require_status(locked, (ReportStatus.DRAFT,), _("submitted"))
        if locked.version != current.version:
            raise TransitionRefused(_("The report was changed while it was being checked; submit it again."))
        event = _record(locked, by=by, action=Action.SUBMIT, to_status=ReportStatus.SUBMITTED)
        WarningExplanation.objects.bulk_create(
            WarningExplanation(event=event, rule=rule, message=message, text=explanations[rule])
            for rule, message in warnings.items()
        )
        transaction.on_commit(lambda: notifications.report_submitted(locked, event))
    _sync(report, locked)
    return event


@transaction.atomic
def report_withdraw(*, report: Report, by, seen_event: int | None = None) -> ReportEvent:
    """Submitted -> draft, by the submitter, before anyone reviewed it."""
    locked = _lock(report)
    _require_unchanged(locked, seen_event)
    _require_status(locked, (ReportStatus.SUBMITTED,), _("withdrawn"))
    _require("report.withdraw", by, locked)
    event = _record(locked, by=by, action=Action.WITHDRAW, to_status=ReportStatus.DRAFT)
    _sync(report, locked)
    return event


@transaction.atomic
def report_return(
    *, report: Report, by, comment: str, section: str = "", cell: str = "", seen_event: int | None = None
) -> ReportEvent:
    """Submitted or approved -> draft, with the reason the editors will read.

    With a `section` (and optionally a `cell`), the reason is also kept as a comment there,
    so the editors find it in the step it concerns.
    """
    locked = _lock(report)
    _require_unchanged(locked, seen_event)
    _require_status(locked, (ReportStatus.SUBMITTED, ReportStatus.APPROVED), _("returned"))
    _require("report.return", by, locked)
    comment = _required_text(comment, _("Say why the report is returned."))
    if section:
        report_comment_add(report=locked, by=by, section=section, cell=cell, body=comment)
    event = _record(locked, by=by, action=Action.RETURN, to_status=ReportStatus.DRAFT, comment=comment)
    _sync(report, locked)
    transaction.on_commit(lambda: notifications.report_returned(locked, event))
    return event


@transaction.atomic
def report_approve(*, report: Report, by, comment: str = "", seen_event: int | None = None) -> ReportEvent:
    """Submitted -> approved, by an approver of the agency who did not submit it."""
    locked = _lock(report)
    _require_unchanged(locked, seen_event)
    _require_status(locked, (ReportStatus.SUBMITTED,), _("approved"))
    _require_four_eyes(locked, by, _("approve"))
    _require("report.approve", by, locked)
    event = _record(locked, by=by, action=Action.APPROVE, to_status=ReportStatus.APPROVED, comment=comment)
    _sync(report, locked)
    transaction.on_commit(lambda: notifications.report_approved(locked, event))
    return event


@transaction.atomic
def report_accept(*, report: Report, by, comment: str = "", seen_event: int | None = None) -> ReportEvent:
    """Second review: the open government office accepts an approved report for publication."""
    locked = _lock(report)
    _require_unchanged(locked, seen_event)
    _require_status(locked, (ReportStatus.APPROVED,), _("accepted"))
    _require("report.accept", by, locked)
    event = _record(locked, by=by, action=Action.ACCEPT, to_status=ReportStatus.APPROVED, comment=comment)
    _sync(report, locked)
    return event


@transaction.atomic
def report_publish(*, report: Report, by, seen_event: int | None = None) -> ReportEvent:
    """Approved (and accepted, where the region asks for a second review) -> published."""
    locked = _lock(report)
    _require_unchanged(locked, seen_event)
    _require_status(locked, (ReportStatus.APPROVED,), _("published"))
    _require_four_eyes(locked, by, _("publish"))
    _require("report.publish", by, locked)
    event = _record(locked, by=by, action=Action.PUBLISH, to_status=ReportStatus.PUBLISHED)
    if not locked.title:
        # The published title stays as published even if the agency is renamed later.
        locked.title = locked.default_title
        Report.objects.filter(pk=locked.pk).update(title=locked.title)
    if locked.signed_on is None:
        # Submission requires the date; a report approved before that rule is dated the day it is published,
        # so every published report prints a complete signature block.
        locked.signed_on = timezone.localdate(event.at)
        Report.objects.filter(pk=locked.pk).update(signed_on=locked.signed_on)
    revision = open_revision(locked)
    if revision is not None:
        ReportRevision.objects.filter(pk=revision.pk).update(
            published=to_json(report_data(locked)), published_version=locked.version, published_at=event.at
        )
    _sync(report, locked)
    return event


@transaction.atomic
def report_start_correction(
    *, report: Report, by, reason: str, seen_event: int | None = None
) -> ReportRevision:
    """Published -> draft for a correction; the published content stays on record (and public) until then."""
    locked = _lock(report)
    _require_unchanged(locked, seen_event)
    _require_status(locked, (ReportStatus.PUBLISHED,), _("corrected"))
    _require("report.correct", by, locked)
    reason = _required_text(reason, _("Write the correction note (更正说明)."))
    number = (ReportRevision.objects.filter(report=locked).aggregate(n=Max("number"))["n"] or 0) + 1
    revision = ReportRevision.objects.create(
        report=locked, number=number, reason=reason, started_by=by,
        previous=to_json(report_data(locked)), previous_version=locked.version,
    )
    _record(locked, by=by, action=Action.CORRECT, to_status=ReportStatus.DRAFT, comment=reason)
    _sync(report, locked)
    return revision


def report_comment_reply(*, report: Report, by, parent: int, body: str = "", resolves: bool = False) -> ReviewComment:
    """A reply in a comment's thread; with `resolves`, it marks the comment 已处理 (the reply may then be empty)."""
    if not rules.has_perm("report.comment", by, report):
        raise PermissionDenied(_("You may not comment on this report."))
    top = ReviewComment.objects.filter(report=report, pk=parent, parent__isnull=True).first()
    if top is None:
        raise TransitionRefused(_("That comment is not on this report."))
    body = normalize_text(body)
    if not body and not resolves:
        raise TransitionRefused(_("The reply is empty."))
    if resolves and top.replies.filter(resolves=True).exists():
        raise TransitionRefused(_("This comment is already marked as dealt with."))
    return ReviewComment.objects.create(
        report=report, section=top.section, cell=top.cell, author=by, body=body, version=report.version,
        parent=top, resolves=resolves,
    )


def report_comment_add(*, report: Report, by, section: str, body: str, cell: str = "") -> ReviewComment:
    """A comment on a section (optionally one of its cells), at the report's current version."""
    if not rules.has_perm("report.comment", by, report):
        raise PermissionDenied(_("You may not comment on this report."))
    fmt = report.format
    if section not in dict(section_choices(fmt)):
        raise TransitionRefused(_("Unknown section."))
    commentable = cell in fmt.field_map or cell in fmt.text_keys
    if cell and (not commentable or fmt.section_of(cell) != section):
        raise TransitionRefused(_("That cell is not in this section."))
    body = _required_text(body, _("The comment is empty."))
    return ReviewComment.objects.create(
        report=report, section=section, cell=cell, author=by, body=body, version=report.version
    )
