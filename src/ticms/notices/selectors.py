"""Reads of notices: the public lists, the bureau's objections, and the status the recognition steps' guards call."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
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


def _published_items():
    return (
        NoticeItem.objects.filter(notice__state=NoticeState.PUBLISHED)
        .select_related("notice")
        .annotate(
            n_open=Count("objections", filter=Q(objections__state=ObjectionState.OPEN)),
            n_sustained=Count("objections", filter=Q(objections__state=ObjectionState.SUSTAINED)),
        )
    )


def notice_status_for(application) -> NoticeStatus | None:
    """None when the application is not an item of a published notice; otherwise its latest such item."""
    item = _published_items().filter(application=application).order_by("-notice__published_at", "-pk").first()
    return _status(item) if item is not None else None


def notice_statuses_for(application_ids) -> dict[int, NoticeStatus]:
    """`notice_status_for` of a page of applications in one query: {application id: status} (absent: None)."""
    out: dict[int, NoticeStatus] = {}
    items = _published_items().filter(application_id__in=list(application_ids)).order_by(
        "application_id", "-notice__published_at", "-pk")
    for item in items:
        out.setdefault(item.application_id, _status(item))
    return out


def _status(item: NoticeItem) -> NoticeStatus:
    notice = item.notice
    return NoticeStatus(
        notice=notice, item=item, published=True, ends_on=notice.ends_on,
        ended=timezone.localdate() > notice.ends_on, open_objections=item.n_open,
        sustained_objections=item.n_sustained, proposed=item.proposed,
    )


def public_notices():
    """Published notices only, newest first (public fields are on the notice and its items)."""
    return PublicNotice.objects.filter(state=NoticeState.PUBLISHED).order_by("-starts_on", "-pk")


def with_item_counts(qs, name: str = "n_items"):
    """Each notice's number of items, counted per row shown: a join with GROUP BY over every notice's items made
    the list, and the COUNT behind its total, grow with the items (issue 15); an unused subquery is dropped from
    the COUNT."""
    items = NoticeItem.objects.filter(notice=OuterRef("pk")).order_by().values("notice")
    return qs.annotate(**{name: Coalesce(Subquery(items.annotate(n=Count("pk")).values("n")), 0)})


def notices_visible_to(user):
    return with_item_counts(PublicNotice.objects.visible_to(user)).order_by("-starts_on", "-pk")


def objections_visible_to(user):
    return Objection.objects.visible_to(user).select_related("item__notice", "handled_by")
