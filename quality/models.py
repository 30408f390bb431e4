"""A quality audit of uploaded files: its progress and, once done, its rows (the files are not kept)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class AuditRun(models.Model):
    region = models.ForeignKey(Agency, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    # Where the uploaded files wait for the worker; emptied and removed when the run ends.
    upload_dir = models.CharField(max_length=500, blank=True)
    rows = models.JSONField(_("results"), default=list)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quality audit of files")
        verbose_name_plural = _("quality audits of files")
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(condition=models.Q(done__lte=models.F("total")), name="audit_run_done_le_total"),
        )

    def __str__(self) -> str:
        return f"{self.region} {self.year} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class AuditPart(models.Model):
    """One file of an audit, read by a task of its own so that any number of workers share the audit.

    `number` is the file's place in the audit (from 1), `name` its name there; `parsed` what reading it
    gave (a ParsedFile record), kept until the checks of the whole audit have run. `done` is set once,
    however often the task runs."""

    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveIntegerField()
    name = models.TextField()
    done = models.BooleanField(default=False)
    parsed = models.JSONField(default=dict)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("run", "number"), name="audit_part_once"),)

    def __str__(self) -> str:
        return f"{self.run_id}:{self.number}"
