"""Agencies, their hierarchy, and who holds which role where."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", _("People's government")
    GENERAL_OFFICE = "general_office", _("General office of a government")
    DEPARTMENT = "department", _("Department")
    TOWNSHIP = "township", _("Township or subdistrict")
    OTHER = "other", _("Other")


class AgencyLevel(models.TextChoices):
    STATE_COUNCIL = "state_council", _("Department of the State Council")
    PROVINCE = "province", _("Province")
    CITY = "city", _("City with districts")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")


class AggregateScope(models.TextChoices):
    """Which agencies the government-level report sums (read on the government)."""

    OWN_LEVEL = "own_level", _("Own level only (本级)")
    REGION = "region", _("Whole administrative region (本行政区域汇总)")


class Agency(models.Model):
    """An administrative organ that publishes its own annual report.

    `path` is the chain of ancestor ids (`/1/5/12/`), so "every agency below a
    government" is one indexed prefix query at any depth.
    """

    name = models.CharField(_("full name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    code = models.SlugField(_("code"), max_length=50, unique=True, help_text=_("Used in addresses."))
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # Region settings: read on the government at the top of a region.
    deadline_month = models.PositiveSmallIntegerField(_("deadline month"), default=1)
    deadline_day = models.PositiveSmallIntegerField(_("deadline day"), default=31)
    second_review = models.BooleanField(
        _("second review by the open government office"),
        default=False,
        help_text=_("After the agency's approver, the open government office accepts or returns each report."),
    )
    fee_header_precise = models.BooleanField(
        _("print the fee header with '4 decimals'"),
        default=False,
        help_text=_("Some provinces print the fee header with the number of decimals."),
    )
    aggregate_scope = models.CharField(
        _("government report scope"),
        max_length=20,
        choices=AggregateScope.choices,
        default=AggregateScope.OWN_LEVEL,
        help_text=_("Whose reports the government-level report adds up: the departments of this government, "
                    "or every agency of the region including lower levels."),
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["path", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline_month__gte=1, deadline_month__lte=12, deadline_day__gte=1,
                                   deadline_day__lte=31),
                name="agency_deadline_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if new_path != self.path:
            old_path, self.path = self.path, new_path
            Agency.objects.filter(pk=self.pk).update(path=new_path)
            if old_path:
                for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path):]
                    Agency.objects.filter(pk=child.pk).update(path=child.path)

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    @property
    def is_government(self) -> bool:
        return self.kind == AgencyKind.GOVERNMENT

    @property
    def can_make_rules(self) -> bool:
        """《立法法》: only State Council departments and governments of provinces and 设区的市 make 规章."""
        if self.level == AgencyLevel.STATE_COUNCIL:
            return True
        return self.kind == AgencyKind.GOVERNMENT and self.level in (AgencyLevel.PROVINCE, AgencyLevel.CITY)

    def descendants(self, include_self: bool = True):
        qs = Agency.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def region(self) -> Agency:
        """The nearest government at or above this agency; its settings apply here."""
        if self.is_government:
            return self
        # A parent read along with the agency (select_related) that is a government is the nearest one.
        if Agency.parent.is_cached(self) and self.parent is not None and self.parent.is_government:
            return self.parent
        ids = self.ancestor_ids
        governments = {a.pk: a for a in Agency.objects.filter(pk__in=ids, kind=AgencyKind.GOVERNMENT)}
        for pk in reversed(ids):
            if pk in governments:
                return governments[pk]
        return self


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    APPROVER = "approver", _("Approver")
    OVERSEER = "overseer", _("Open government office")


class Membership(models.Model):
    """A person's role in one agency; an overseer's role covers every agency below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
