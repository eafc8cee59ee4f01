from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ticms.audit.services import record
from ticms.audit.signals import client_ip
from ticms.crypto.masking import mask_email
from ticms.errors import ServiceError

from . import services
from .admin_access import SystemAdminModelAdmin, acting_role, install
from .models import ApiToken, CompetentUnit, Organisation, User

install()


@admin.register(User)
class UserAdmin(SystemAdminModelAdmin, BaseUserAdmin):
    """Accounts only: no superuser or staff flag, no groups, permissions or roles (the security administrator
    grants roles on /security/roles/)."""

    list_display = ["username", "display_name", "masked_email", "is_active", "must_change_password", "last_login"]
    list_filter = ["is_active"]
    # Sealed e-mail addresses cannot be searched in SQL.
    search_fields = ["username", "display_name", "first_name", "last_name"]

    @admin.display(description="电子邮箱")
    def masked_email(self, user) -> str:
        # A list needs no full address (personal information; docs/security.md).
        return mask_email(user.email)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("display_name", "first_name", "last_name", "email", "phone")}),
        ("状态", {"fields": ("is_active", "must_change_password", "password_changed_at", "last_login",
                           "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "display_name", "password1",
                                                              "password2")}),)
    readonly_fields = ["password_changed_at", "last_login", "date_joined"]
    filter_horizontal = []

    def save_model(self, request, obj, form, change):
        try:
            services.check_account_change(actor=request.user, user=obj, changed=list(form.changed_data))
        except ServiceError as exc:
            raise PermissionDenied(str(exc.detail)) from exc
        if not change:
            obj.must_change_password = True  # an initial password is changed at first sign-in
        super().save_model(request, obj, form, change)

    def user_change_password(self, request, id, form_url=""):
        target = self.get_object(request, unquote(id))
        if target is not None and not services.may_reset_password(request.user, target):
            raise PermissionDenied("管理员账号的密码只能由安全管理员重置。")
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302 and target is not None:
                target.refresh_from_db()
                target.must_change_password = True
                target.save(update_fields=["must_change_password"])
                record("account.password_reset", actor=request.user, role=acting_role(request.user), obj=target,
                       ip=client_ip(request))
        return response


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
    list_display = ["name", "user", "hint", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = ["digest", "hint", "created_at", "expires_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request):
        return False  # a token is made by its owner, who alone sees it once

    def has_change_permission(self, request, obj=None):
        return False
