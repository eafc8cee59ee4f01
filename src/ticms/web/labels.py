"""Labels and badge colours of workflow states, shared by every page that shows a state by its code.

Pages holding the record should prefer `record.get_state_display()` (the model's own choices); this table is
for places that only have the code (audit events, timelines, API data).
"""

from django.utils.translation import gettext_lazy as _

STATE_LABELS = {
    # applications (DESIGN §4.1)
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "returned": _("Returned for changes"),
    "recommended": _("Recommended"),
    "expert_review": _("Expert review"),
    "plan_revision": _("Plan revision"),
    "plan_submitted": _("Plan submitted"),
    "publicized": _("Under public notice"),
    "recognized": _("Recognized"),
    "preparatory": _("Preparatory"),
    "rejected": _("Rejected"),
    "withdrawn": _("Withdrawn"),
    # changes and filings (§4.3)
    "county_agreed": _("Agreed by the competent unit"),
    "approved": _("Approved"),
    "acknowledged": _("Acknowledged"),
    # evaluations (§4.4)
    "materials_pending": _("Materials pending"),
    "county_checked": _("Checked by the competent unit"),
    "expert_scoring": _("Expert scoring"),
    "concluded": _("Concluded"),
    # center status
    "active": _("Active"),
    "rectifying": _("Rectifying"),
    "revoked": _("Revoked"),
}

STATE_COLOURS = {
    "draft": "secondary",
    "withdrawn": "secondary",
    "submitted": "primary",
    "recommended": "primary",
    "expert_review": "primary",
    "plan_submitted": "primary",
    "county_agreed": "primary",
    "county_checked": "primary",
    "expert_scoring": "primary",
    "materials_pending": "info",
    "plan_revision": "info",
    "preparatory": "info",
    "returned": "warning",
    "publicized": "warning",
    "rectifying": "warning",
    "recognized": "success",
    "approved": "success",
    "acknowledged": "success",
    "active": "success",
    "concluded": "success",
    "rejected": "danger",
    "revoked": "danger",
}


def role_label(role: str) -> str:
    from ticms.accounts.roles import Role

    try:
        return str(Role(role).label)
    except ValueError:
        return role
