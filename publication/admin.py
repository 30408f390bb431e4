from django.contrib import admin

from .models import BatchExport


@admin.register(BatchExport)
class BatchExportAdmin(admin.ModelAdmin):
    """Read-only: exports are written by the background task alone."""

    list_display = ("region", "year", "status", "done", "total", "created_at", "finished_at")
    list_filter = ("status", "year")
    readonly_fields = tuple(f.name for f in BatchExport._meta.fields)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
