"""Annual reports: one per agency and year, their values by canonical key, and their texts."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .formats import FORMATS, format_for_year, get_format


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Report(models.Model):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    format_id = models.CharField(_("format"), max_length=20, choices=[(f, f) for f in FORMATS])
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    signed_on = models.DateField(_("signature date"), null=True, blank=True)
    # Incremented by every save of content: detects a stale form and keys the export cache.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("last changed by"),
    )

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="report_one_per_agency_year"),
            models.CheckConstraint(condition=models.Q(year__gte=2008, year__lte=2100), name="report_year_range"),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def format(self):
        return get_format(self.format_id)

    @property
    def default_title(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    @property
    def display_title(self) -> str:
        return self.title or self.default_title

    @property
    def is_locked(self) -> bool:
        return self.status != ReportStatus.DRAFT

    def save(self, *args, **kwargs):
        if not self.format_id:
            self.format_id = format_for_year(self.year).id
        super().save(*args, **kwargs)


class ReportValue(models.Model):
    """One table value. A missing row means 'not filled in', never zero."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    key = models.CharField(max_length=80)
    number = models.BigIntegerField(null=True, blank=True)
    amount = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    # Decimals the amount was entered with (0 to 4): the column always holds four, an export prints these.
    scale = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_value_unique_key"),
            # Counts are non-negative; only 本年增/减 (gov-2019 `*.change`) is signed.
            models.CheckConstraint(
                condition=models.Q(number__isnull=True) | models.Q(number__gte=0) | models.Q(key__endswith=".change"),
                name="report_value_count_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="report_value_amount_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(number__isnull=True) | models.Q(amount__isnull=True),
                name="report_value_one_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"

    @property
    def value(self):
        return stored_value(self.number, self.amount, self.scale)


# The columns stored_value() reads, for values_list() over many rows.
VALUE_COLUMNS = ("number", "amount", "scale")


def stored_value(number, amount, scale):
    """The value as entered: an amount with the decimals it was entered with (`96171.6`, `0`)."""
    if amount is None:
        return number
    return amount.quantize(Decimal(1).scaleb(-scale)) if scale is not None else amount


def amount_scale(amount: Decimal) -> int:
    return max(0, -amount.as_tuple().exponent)


class ReportText(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="texts")
    key = models.CharField(max_length=80)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = _("text")
        verbose_name_plural = _("texts")
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="report_text_unique_key")]

    def __str__(self) -> str:
        return self.key


class ReportChange(models.Model):
    """One changed value or text: who, when, old -> new. Written by services only."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="changes")
    key = models.CharField(max_length=80, db_index=True)
    old = models.TextField(blank=True, null=True)
    new = models.TextField(blank=True, null=True)
    version = models.PositiveIntegerField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    # The browser tab the change was typed in, and that tab's count of saves: one person's saves from one
    # tab follow each other and never conflict (reports/services.py).
    tab = models.CharField(max_length=40, blank=True, default="")
    tab_seq = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["report", "key"])]


class WorkerBeat(models.Model):
    """The last sign of life of one `db_worker` process (reports/worker_lease.py): a task whose worker has
    fallen silent is put back on the queue for another."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("background worker")
        verbose_name_plural = _("background workers")

    def __str__(self) -> str:
        return self.worker_id
