"""What was done with a report that no other record keeps: creation, imports, exports, reminders.

Content changes (reports.ReportChange), transitions (review.ReportEvent), comments and
corrections have records of their own; `audit.trail` puts them all in one list.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from reports.models import Report


class AuditAction(models.TextChoices):
    CREATED = "created", _("Report created")
    IMPORTED = "imported", _("Content replaced from a file")
    EXPORTED = "exported", _("Exported")
    REMINDED = "reminded", _("Deadline reminder sent")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(
        Report, verbose_name=_("report"), null=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    version = models.PositiveIntegerField(_("version"), null=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["report", "at"]),)

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are never deleted.")
