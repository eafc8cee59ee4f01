"""Django admin is the system administrator's tool (users, organisations, dictionaries) and nobody else's.

Access follows the `system_admin` role, not Django's is_superuser/permission flags, so separation of duties
(DESIGN §2) holds: the security and audit administrators and business users cannot open it.
"""

from django.contrib import admin
from django.contrib.admin import AdminSite

from .roles import Role


def _is_system_admin(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_authenticated and user.has_role(Role.SYSTEM_ADMIN))


def install() -> None:
    AdminSite.has_permission = lambda self, request: _is_system_admin(request)


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
