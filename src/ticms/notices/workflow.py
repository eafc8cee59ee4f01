"""Publishing a notice and handling an objection (Art. 9(4)), as workflow tables."""

from __future__ import annotations

from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.applications.workflow import APPLICATION_FLOW
from ticms.workflow.core import Reason, Step, Workflow, WorkflowError

from .period import end_of_period

PLAN_SUBMITTED = "plan_submitted"


def has_items(notice, ctx):
    if not notice.items.exists():
        return Reason("no_items", "公示中至少要有一项申请。", "9(4)")
    return None


def has_contact(notice, ctx):
    if not notice.contact_phone.strip():
        return Reason("no_contact", "请填写异议受理电话。", "9(4)")
    return None


def items_ready(notice, ctx):
    return [
        Reason("item_not_ready",
               f"“{item.center_name}”（{item.organisation_name}）不在“建设方案已提交”状态，不能公示。", "9(4)")
        for item in notice.items.select_related("application")
        if item.application.state != PLAN_SUBMITTED
    ]


def publish_effect(notice, ctx):
    """Publish, then put every application into 公示中. One failure rolls the whole publication back."""


    # A notice runs from its publication at the earliest: a planned start already past moves to today, and the
    # end with it, so the public always has the full five working days (Art. 9(4)).
    today = timezone.localdate(ctx.now)
    if notice.starts_on < today:
        ctx.audit_data["planned_starts_on"] = notice.starts_on.isoformat()
        notice.starts_on = today
    notice.ends_on = end_of_period(notice.starts_on)
    notice.published_at = ctx.now
    notice.published_by = ctx.user
    # Saved before the applications move: their `publicize` guard reads the notice from the database.
    notice.save()
    for item in notice.items.select_related("application"):
        try:
            APPLICATION_FLOW.apply(ctx.user, item.application, "publicize", comment=f"列入公示：{notice.title}",
                                   ip=ctx.ip)
        except WorkflowError as exc:
            raise WorkflowError(
                exc.error,
                [Reason(r.code, f"“{item.center_name}”：{r.message}", r.article) for r in exc.reasons],
                exc.status,
            ) from exc
    ctx.audit_data.update({"ends_on": notice.ends_on.isoformat(), "starts_on": notice.starts_on.isoformat(),
                           "applications": [i.application_id for i in notice.items.all()]})


NOTICE_FLOW = Workflow(
    "notices.PublicNotice",
    [
        Step("publish", Role.BUREAU_OFFICER, "发布公示", "9(4)", guards=(has_items, has_contact, items_ready),
             effect=publish_effect, source="draft", target="published"),
    ],
)


def _handled(objection, ctx):
    objection.handling = ctx.comment
    objection.handled_by = ctx.user
    objection.handled_at = ctx.now
    ctx.audit_data["item"] = objection.item_id


OBJECTION_FLOW = Workflow(
    "notices.Objection",
    [
        Step("sustain", Role.BUREAU_OFFICER, "异议成立", "9(4)", comment_required=True, effect=_handled,
             dangerous=True, source="open", target="sustained"),
        Step("dismiss", Role.BUREAU_OFFICER, "异议不成立", "9(4)", comment_required=True, effect=_handled,
             source="open", target="dismissed"),
    ],
)
