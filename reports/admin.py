"""Reports in the admin: readable, never silently writable.

Content and status change only through the services (wizard, import, review), which
record who changed what; the admin shows them read-only.
"""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin import ReadOnlyAdmin

from .models import Report, ReportChange, ReportText, ReportValue


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ValueInline(ReadOnlyInline):
    model = ReportValue
    fields = ["key", "number", "amount"]
    readonly_fields = fields


class TextInline(ReadOnlyInline):
    model = ReportText
    fields = ["key", "body"]
    readonly_fields = fields


def column(field: str, label):
    """A list column with a Chinese heading, for model fields that have no verbose name."""

    @admin.display(description=label, ordering=field)
    def show(obj):
        return getattr(obj, field)

    show.__name__ = field
    return show


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = [column("display_title", _("title")), "agency", "year", "format_id", "status", "version", "updated_at"]
    list_filter = ["status", "year", "format_id"]
    search_fields = ["agency__name", "title"]
    readonly_fields = ["agency", "year", "format_id", "status", "title", "signed_on", "version",
                       "created_at", "created_by", "updated_at", "updated_by"]
    inlines = [ValueInline, TextInline]


class ChangedAtFilter(admin.DateFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("changed at")


@admin.register(ReportChange)
class ReportChangeAdmin(ReadOnlyAdmin):
    list_display = [
        column("report", _("report")), column("key", _("key")), column("old", _("before")),
        column("new", _("after")), column("version", _("version")), column("changed_by", _("changed by")),
        column("changed_at", _("changed at")),
    ]
    list_filter = [("changed_at", ChangedAtFilter)]
    search_fields = ["report__agency__name", "key"]
