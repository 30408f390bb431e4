"""Reports in the admin: readable, never silently writable.

Content and status change only through the services (wizard, import, review), which
record who changed what; the admin shows them read-only.
"""
from django.contrib import admin

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


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["display_title", "agency", "year", "format_id", "status", "version", "updated_at"]
    list_filter = ["status", "year", "format_id"]
    search_fields = ["agency__name", "title"]
    readonly_fields = ["agency", "year", "format_id", "status", "title", "signed_on", "version",
                       "created_at", "created_by", "updated_at", "updated_by"]
    inlines = [ValueInline, TextInline]


@admin.register(ReportChange)
class ReportChangeAdmin(ReadOnlyAdmin):
    list_display = ["report", "key", "old", "new", "version", "changed_by", "changed_at"]
    list_filter = ["changed_at"]
    search_fields = ["report__agency__name", "key"]
