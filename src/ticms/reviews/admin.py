"""The system administrator may also maintain the expert pool here (audited like the pages)."""

from django.contrib import admin

from ticms.accounts.roles import Role
from ticms.audit import services as audit
from ticms.crypto.masking import for_audit

from .models import Expert


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ("pk", "name", "title", "organisation", "active")
    list_filter = ("active",)
    search_fields = ("name", "title")
    filter_horizontal = ("declared_ties",)
    raw_id_fields = ("organisation", "user")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = for_audit(Expert, {name: str(form.cleaned_data.get(name)) for name in form.changed_data})
        audit.record("expert.update" if change else "expert.create", actor=request.user, role=Role.SYSTEM_ADMIN,
                     obj=obj, data={"changes": changes, "via": "admin"})
