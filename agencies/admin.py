from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Agency, Membership

# What a published report shows of its agency: its name, its public address (code) and its region.
PUBLISHED_IDENTITY = ("name", "code", "parent")


def has_published(agency) -> bool:
    # Published now, or published before and under correction.
    return agency.reports.filter(Q(status="published") | Q(revisions__isnull=False)).exists()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "level", "parent"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and has_published(obj):
            return PUBLISHED_IDENTITY
        return ()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and self.get_readonly_fields(request, obj):
            extra_context = {**(extra_context or {}), "subtitle": _(
                "This agency has published reports: its name, code and parent stay as published. "
                "After a reorganisation, create the new agency."
            )}
        return super().change_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        # Reports protect their agency in the database too; this keeps the button away.
        return obj is None or not obj.reports.exists()


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["user", "agency"]
