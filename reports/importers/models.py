"""A scanned report being recognised in the background: its file, progress and outcome."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


class ScanStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Recognising")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ScanImport(models.Model):
    """The upload page polls `done` / `total` (pages); the file is dropped once read."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE,
                                   related_name="+")
    source = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ScanStatus.choices, default=ScanStatus.QUEUED)
    done = models.PositiveIntegerField(_("pages read"), default=0)
    total = models.PositiveIntegerField(_("pages"), default=0)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scanned report import")
        verbose_name_plural = _("scanned report imports")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.source} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ScanStatus.DONE, ScanStatus.FAILED)

    @property
    def percent(self) -> int:
        return 100 if self.status == ScanStatus.DONE else (100 * self.done // self.total if self.total else 0)
