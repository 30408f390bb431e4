from django.contrib import admin

from .models import Agency, Membership


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


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["user", "agency"]
