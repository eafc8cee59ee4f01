"""Center status transitions (DESIGN §4.4). Evaluation outcomes and recognition call these through services."""

from django.utils.translation import gettext_lazy as _

from ticms.accounts.roles import Role
from ticms.workflow.core import Context, Step, Workflow


def record_status_change(center, ctx: Context) -> None:
    from .models import CenterStatusChange

    CenterStatusChange.objects.create(
        center=center,
        from_status=ctx.from_state,
        to_status=center.status,
        at=ctx.now,
        by=ctx.user if getattr(ctx.user, "pk", None) else None,
        reason=ctx.comment,
        article=ctx.data.get("article", ""),
    )


CENTER_FLOW = Workflow(
    "centers.Center",
    [
        Step("activate", Role.BUREAU_OFFICER, _("Activate (upgrade from preparatory)"), "11",
             effect=record_status_change),
        Step("start_rectification", Role.BUREAU_OFFICER, _("Order rectification"), "16", comment_required=True,
             effect=record_status_change),
        Step("end_rectification", Role.BUREAU_OFFICER, _("Retain after rectification"), "16",
             effect=record_status_change),
        Step("revoke", Role.BUREAU_OFFICER, _("Revoke"), "5(4)", comment_required=True, dangerous=True,
             effect=record_status_change),
    ],
    field_name="status",
)
