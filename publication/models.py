"""Batch exports: one ZIP of a region's published reports for a year, built in the background."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BatchExport(models.Model):
    """Progress and result of one batch export; the page polls `done` / `total`.

    `fingerprint` names the exact content (report ids and versions): a request for the
    same content reuses the export instead of building it again.
    """

    region = models.ForeignKey(Agency, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    fingerprint = models.CharField(max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    file_path = models.CharField(_("file"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("batch export")
        verbose_name_plural = _("batch exports")
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(condition=models.Q(done__lte=models.F("total")), name="batch_export_done_le_total"),
        )

    def __str__(self) -> str:
        return f"{self.region} {self.year} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def percent(self) -> int:
        return 100 if self.status == ExportStatus.DONE else (100 * self.done // self.total if self.total else 0)


class ExportPart(models.Model):
    """One report of a batch export, rendered (PDF and DOCX into the export cache) by a task of its own, so
    that any number of workers share the export. `done` is set once, however often the task runs."""

    export = models.ForeignKey(BatchExport, on_delete=models.CASCADE, related_name="parts")
    report_id = models.BigIntegerField()
    done = models.BooleanField(default=False)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("export", "report_id"), name="export_part_once"),)

    def __str__(self) -> str:
        return f"{self.export_id}:{self.report_id}"
