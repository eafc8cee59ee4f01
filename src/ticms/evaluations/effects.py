"""What an evaluation outcome does to other records: the center's status (through the centers app's
services, so its history and audit follow) and the rectification order."""

from __future__ import annotations

import calendar
from datetime import date

from django.utils import timezone

from ticms.audit import services as audit
from ticms.centers import services as centers
from ticms.centers.models import CenterStatus
from ticms.workflow.core import Context

from .models import Rectification
from .scoring import evaluation_system


def _add_months(start: date, months: int) -> date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def order_rectification(evaluation, ctx: Context) -> None:
    raw = ctx.data.get("deadline")
    if raw:
        deadline = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
    else:
        today = timezone.localdate(ctx.now)
        deadline = _add_months(today, evaluation_system(evaluation).rectification_months)
    rect = Rectification.objects.create(evaluation=evaluation, requirements=ctx.comment, deadline=deadline)
    center = evaluation.center
    if center.status == CenterStatus.ACTIVE:
        centers.change_status(actor=ctx.user, center=center, transition="start_rectification",
                              comment=f"{evaluation.round.year}年绩效评估：整改。{ctx.comment}", article="16",
                              ip=ctx.ip)
    ctx.audit_data.update({"outcome": "rectify", "rectification": rect.pk, "deadline": deadline.isoformat()})


def revoke_center(center, ctx: Context, *, article: str) -> None:
    center.refresh_from_db()
    if center.status != CenterStatus.REVOKED:
        centers.change_status(actor=ctx.user, center=center, transition="revoke",
                              comment=ctx.comment or "绩效评估结论：撤销", article=article, ip=ctx.ip)


def end_rectification(rectification, ctx: Context) -> None:
    center = rectification.evaluation.center
    center.refresh_from_db()
    if center.status == CenterStatus.RECTIFYING:
        centers.change_status(actor=ctx.user, center=center, transition="end_rectification",
                              comment=ctx.comment or "整改复查通过，予以保留", article="16", ip=ctx.ip)


def record_provincial_recommendation(evaluation, ctx: Context) -> None:
    """Art. 16, 17(2): an excellent center gets priority support and a provincial recommendation record in the
    registry's support records (listed on the center's pages), and an audit event."""
    centers.record_support(
        actor=ctx.user, center=evaluation.center, kind="provincial_recommendation",
        title=f"{evaluation.round.year}年绩效评估优秀，优先推荐申报省级技术创新中心",
        year=evaluation.round.year, article="16, 17(2)",
    )
    audit.record("center.provincial_recommendation", actor=ctx.user, role=ctx.role, obj=evaluation.center,
                 data={"evaluation": evaluation.pk, "round": evaluation.round_id, "article": "16, 17(2)"},
                 ip=ctx.ip)
