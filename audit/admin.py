"""Records in the admin: readable, never writable (they are an audit trail)."""
from django.contrib import admin

from .models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "actor", "agency", "report", "version", "address")
    list_filter = ("action", "at")
    search_fields = ("agency__name", "actor__username")
