from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import Agency, AgencyKind, Membership, Role

# What a published report shows of its agency: its name, its public address (code) and its region.
PUBLISHED_IDENTITY = ("name", "code", "parent")


def has_published(agency) -> bool:
    # Published now, or published before and under correction.
    return agency.reports.filter(Q(status="published") | Q(revisions__isnull=False)).exists()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


def _holders(role: str) -> Count:
    return Count("memberships", filter=Q(memberships__role=role, memberships__user__is_active=True), distinct=True)


class StaffingFilter(admin.SimpleListFilter):
    """Agencies whose report cannot go its whole way: nobody to write it, or nobody of its own to approve it."""

    title = _("staffing")
    parameter_name = "staffing"

    def lookups(self, request, model_admin):
        return [("no_editor", _("No editor")), ("no_approver", _("No approver"))]

    def queryset(self, request, queryset):
        departments = queryset.exclude(kind=AgencyKind.GOVERNMENT)
        if self.value() == "no_editor":
            return departments.filter(editors=0)
        if self.value() == "no_approver":
            return departments.filter(approvers=0)
        return queryset


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "level", "parent", "staffing"]
    list_filter = [StaffingFilter, "kind", "level"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(editors=_holders(Role.EDITOR), approvers=_holders(Role.APPROVER))

    @admin.display(description=_("staffing"))
    def staffing(self, obj) -> str:
        if obj.kind == AgencyKind.GOVERNMENT:
            return ""
        missing = [str(text) for count, text in ((obj.editors, _("no editor")), (obj.approvers, _("no approver: the open government office approves")))
                   if not count]
        return ", ".join(missing) or str(_("complete"))

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
