from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .admin_access import SystemAdminModelAdmin, install
from .models import ApiToken, CompetentUnit, Membership, Organisation, User

install()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation", "competent_unit"]


@admin.register(User)
class UserAdmin(SystemAdminModelAdmin, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "display_name", "email", "is_active", "last_login"]
    fieldsets = BaseUserAdmin.fieldsets + (("ticms", {"fields": ("display_name", "phone")}),)


@admin.register(CompetentUnit)
class CompetentUnitAdmin(SystemAdminModelAdmin):
    list_display = ["name", "division_code", "kind"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(SystemAdminModelAdmin):
    list_display = ["name", "credit_code", "kind", "competent_unit"]
    list_filter = ["kind", "competent_unit"]
    search_fields = ["name", "credit_code"]


@admin.register(ApiToken)
class ApiTokenAdmin(SystemAdminModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["digest", "hint", "created_at", "last_used_at", "revoked_at"]
