"""Django admin is the system administrator's tool (users, organisations, dictionaries) and nobody else's.

Access follows the `system_admin` role, not Django's is_superuser/permission flags, so separation of duties
(DESIGN §2) holds: the security and audit administrators and business users cannot open it. The one exception
is a break-glass superuser (`ticms breakglass`), itself audited. Every add, change and delete made through it is
written to the SM3 audit chain with its before/after values (never a password hash or token digest).
"""

from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.db import models

from ticms.audit.services import record
from ticms.audit.signals import client_ip
from ticms.crypto.masking import for_audit

from .roles import Role

# Never copied into an audit event.
SECRET_FIELDS = {"password", "digest", "key", "token", "session_data"}


def _is_system_admin(request) -> bool:
    user = request.user
    if not (user.is_active and user.is_authenticated):
        return False
    return user.has_role(Role.SYSTEM_ADMIN) or user.is_superuser


def _admin_login(self, request, extra_context=None):
    # One sign-in page for everyone: captcha, lockout and second factor apply to the admin too.
    return redirect_to_login(request.get_full_path())


def install() -> None:
    AdminSite.has_permission = lambda self, request: _is_system_admin(request)
    AdminSite.login = _admin_login


def snapshot(obj) -> dict:
    """The stored values of obj's own fields, secrets left out."""
    if obj is None:
        return {}
    values = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        value = field.value_from_object(obj)
        values[field.name] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
    # Personal data (phone, e-mail) is recorded as a keyed reference: the audit log is never erased.
    return for_audit(type(obj), values)


def acting_role(user) -> str:
    return Role.SYSTEM_ADMIN.value if user.has_role(Role.SYSTEM_ADMIN) else "breakglass"


def record_admin(request, action: str, obj, before: dict, after: dict) -> None:
    changes = {k: [before.get(k), after.get(k)] for k in sorted(set(before) | set(after))
               if before.get(k) != after.get(k)}
    record(
        action,
        actor=request.user,
        role=acting_role(request.user),
        obj=obj,
        data={"model": obj._meta.label_lower, "object": str(obj), "changes": changes},
        ip=client_ip(request),
    )


class SystemAdminModelAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return _is_system_admin(request)

    def has_view_permission(self, request, obj=None):
        return _is_system_admin(request)

    def has_add_permission(self, request):
        return _is_system_admin(request)

    def has_change_permission(self, request, obj=None):
        return _is_system_admin(request)

    def has_delete_permission(self, request, obj=None):
        return _is_system_admin(request)

    def save_model(self, request, obj, form, change):
        before = snapshot(type(obj)._default_manager.filter(pk=obj.pk).first()) if change and obj.pk else {}
        super().save_model(request, obj, form, change)
        record_admin(request, "admin.change" if change else "admin.add", obj, before, snapshot(obj))

    def delete_model(self, request, obj):
        record_admin(request, "admin.delete", obj, snapshot(obj), {})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset: models.QuerySet):
        for obj in queryset:
            record_admin(request, "admin.delete", obj, snapshot(obj), {})
        super().delete_queryset(request, queryset)
