"""Center actions. Recognition creates centers here; status changes go through CENTER_FLOW."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from ticms.audit.services import record
from ticms.errors import ServiceError

from .models import Center, CenterStatus, CenterStatusChange
from .workflow import CENTER_FLOW


@transaction.atomic
def create_center(
    *,
    actor,
    role: str,
    official_name: str,
    category: str,
    field: str,
    host_unit,
    lead_unit,
    partner_units=(),
    status: str = CenterStatus.ACTIVE,
    recognized_on: date,
    reason: str = "",
    article: str = "9(4)",
    ip: str | None = None,
) -> Center:
    """Create a center on recognition (Art. 9(4)) or preparatory listing (Art. 11)."""
    if status not in (CenterStatus.ACTIVE, CenterStatus.PREPARATORY):
        raise ServiceError("invalid_status", "新认定的中心只能是“运行”或“筹建”状态。")
    if Center.objects.filter(official_name=official_name).exists():
        raise ServiceError(
            "duplicate_name", f"已有名为“{official_name}”的技术创新中心，请核对领域或名称。", status=409
        )
    center = Center(
        official_name=official_name,
        category=category,
        field=field,
        host_unit=host_unit,
        lead_unit=lead_unit,
        recognized_on=recognized_on,
    )
    # The status field is protected (only transitions may change it); a new record sets its first status here.
    center.__dict__["status"] = status
    center.save()
    center.partner_units.set(partner_units)
    CenterStatusChange.objects.create(
        center=center, from_status="", to_status=status, at=timezone.now(), by=actor, reason=reason, article=article
    )
    record(
        "center.create",
        actor=actor,
        role=role,
        obj=center,
        data={"official_name": official_name, "status": status, "recognized_on": recognized_on.isoformat(),
              "article": article},
        ip=ip,
    )
    return center


def change_status(*, actor, center: Center, transition: str, comment: str = "", article: str = "",
                  ip: str | None = None) -> Center:
    """Move a center's status through CENTER_FLOW; the history row and audit event come with it."""
    return CENTER_FLOW.apply(
        actor, center, transition, comment=comment, ip=ip,
        data={"article": article or CENTER_FLOW.steps[transition].article},
    )
