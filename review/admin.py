"""The review records in the admin: readable, never writable (they are an audit trail)."""
from django.contrib import admin

from audit.admin import ReadOnlyAdmin

from .models import ReportEvent, ReportRevision, ReviewComment, WarningExplanation


class ExplanationInline(admin.TabularInline):
    model = WarningExplanation
    fields = ("rule", "message", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ("report", "action", "actor", "at", "from_status", "to_status", "version")
    list_filter = ("action", "at")
    search_fields = ("report__agency__name", "comment")
    inlines = (ExplanationInline,)


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    list_display = ("report", "section", "cell", "author", "at")
    search_fields = ("report__agency__name", "body")


@admin.register(ReportRevision)
class ReportRevisionAdmin(ReadOnlyAdmin):
    list_display = ("report", "number", "started_by", "started_at", "published_at")
    search_fields = ("report__agency__name", "reason")
