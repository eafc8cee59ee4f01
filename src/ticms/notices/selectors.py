"""Reads of notices: the public lists, the bureau's objections, and the status the recognition steps' guards call."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import NoticeItem, NoticeState, Objection, ObjectionState, PublicNotice


@dataclass
class NoticeStatus:
    notice: PublicNotice
    item: NoticeItem
    published: bool
    ends_on: datetime.date
    ended: bool
    open_objections: int
    sustained_objections: int
    proposed: str


def notice_status_for(application) -> NoticeStatus | None:
    """None when the application is not an item of a published notice; otherwise its latest such item."""
    item = (
        NoticeItem.objects.filter(application=application, notice__state=NoticeState.PUBLISHED)
        .select_related("notice")
        .annotate(
            n_open=Count("objections", filter=Q(objections__state=ObjectionState.OPEN)),
            n_sustained=Count("objections", filter=Q(objections__state=ObjectionState.SUSTAINED)),
        )
        .order_by("-notice__published_at", "-pk")
        .first()
    )
    if item is None:
        return None
    notice = item.notice
    return NoticeStatus(
        notice=notice, item=item, published=True, ends_on=notice.ends_on,
        ended=timezone.localdate() > notice.ends_on, open_objections=item.n_open,
        sustained_objections=item.n_sustained, proposed=item.proposed,
    )


def public_notices():
    """Published notices only, newest first (public fields are on the notice and its items)."""
    return PublicNotice.objects.filter(state=NoticeState.PUBLISHED).order_by("-starts_on", "-pk")


def notices_visible_to(user):
    return PublicNotice.objects.visible_to(user).annotate(n_items=Count("items")).order_by("-starts_on", "-pk")


def objections_visible_to(user):
    return Objection.objects.visible_to(user).select_related("item__notice", "handled_by")
