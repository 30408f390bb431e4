"""The review workflow's records: transitions, explanations, comments, corrections, check counts.

Events, explanations, comments and revisions are an audit trail: written once by the
services and never changed or deleted afterwards.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.models import Report, ReportStatus


class AppendOnly(models.Model):
    """A record that is written once: updating or deleting it is a programming error."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise RuntimeError(f"{type(self).__name__} records are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError(f"{type(self).__name__} records are never deleted.")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    WITHDRAW = "withdraw", _("Withdrawn")
    RETURN = "return", _("Returned")
    APPROVE = "approve", _("Approved")
    ACCEPT = "accept", _("Accepted by the open government office")
    PUBLISH = "publish", _("Published")
    CORRECT = "correct", _("Correction started")


class ReportEvent(AppendOnly):
    """One transition of a report: who, when, from which status to which, and why."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=ReportStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ReportStatus.choices)
    # The content version at the transition: "what changed since it was returned" compares from here.
    version = models.PositiveIntegerField(_("version"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("review event")
        verbose_name_plural = _("review events")
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["report", "action"]),)

    def __str__(self) -> str:
        return f"{self.report} · {self.get_action_display()}"


class WarningExplanation(AppendOnly):
    """The submitter's explanation of one warning, given with one submission."""

    event = models.ForeignKey(
        ReportEvent, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="explanations"
    )
    rule = models.CharField(_("rule"), max_length=60)
    message = models.TextField(_("warning"), blank=True)
    text = models.TextField(_("explanation"))

    class Meta:
        verbose_name = _("warning explanation")
        verbose_name_plural = _("warning explanations")
        ordering = ("rule",)
        constraints = (models.UniqueConstraint(fields=["event", "rule"], name="explanation_once_per_rule"),)

    def __str__(self) -> str:
        return self.rule


class ReviewComment(AppendOnly):
    """A reviewer's (or editor's) remark on a section, optionally on one cell; kept forever.

    Comments form threads: a reply names its `parent` (always a top-level comment). A reply
    with `resolves` marks the thread 已处理; nothing is ever edited, so the thread keeps who
    resolved it and when.
    """

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="review_comments"
    )
    section = models.CharField(_("section"), max_length=40)
    cell = models.CharField(_("cell"), max_length=80, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("comment"))
    parent = models.ForeignKey(
        "self", verbose_name=_("reply to"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    resolves = models.BooleanField(_("marks the comment as dealt with"), default=False)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ("at", "id")
        indexes = (models.Index(fields=["report", "section"]),)

    def __str__(self) -> str:
        return f"{self.report} · {self.section}"


class ReportRevision(models.Model):
    """A correction of a published report.

    `previous` is the published content it corrects, which stays public until the
    correction is published; `published` is the corrected content once it is. Both stay
    on record with the 更正说明 (`reason`).
    """

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("correction number"))
    reason = models.TextField(_("correction note"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    previous = models.JSONField(_("content as published before"))
    previous_version = models.PositiveIntegerField()
    published = models.JSONField(_("corrected content"), null=True, blank=True)
    published_version = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(_("correction published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ("report", "number")
        constraints = (
            models.UniqueConstraint(fields=["report", "number"], name="revision_number_unique"),
            models.UniqueConstraint(
                fields=["report"], condition=models.Q(published_at__isnull=True), name="revision_one_open"
            ),
        )

    def __str__(self) -> str:
        return f"{self.report} · {self.number}"

    @property
    def is_open(self) -> bool:
        return self.published_at is None


class ReportCheckSummary(models.Model):
    """How many errors and warnings the report's content had at `version` (the dashboard reads these)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="check_summary")
    version = models.PositiveIntegerField()
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("check summary")
        verbose_name_plural = _("check summaries")

    def __str__(self) -> str:
        return f"{self.report}: {self.errors}/{self.warnings}"
