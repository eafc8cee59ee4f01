"""Scoped reads of the registry. Every list, page and API answer starts from `visible_to` (accounts/scope.py);
public pages start from `Center.objects.public()`, which loads public columns only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ticms.params import ascii_int

from .models import Center, ChangeRequest, ChangeState, Filing, FilingState, LegalForm


def centers_visible_to(user) -> QuerySet[Center]:
    return Center.objects.visible_to(user).select_related("host_unit__competent_unit", "lead_unit")


def public_centers(*, field: str = "", category: str = "", county: str = "", status: str = "") -> QuerySet[Center]:
    """The public directory, filtered; one query per page (units joined, public columns only)."""
    qs = Center.objects.public()
    if field:
        qs = qs.filter(field=field)
    if category:
        qs = qs.filter(category=category)
    if county:
        county_id = ascii_int(county, 1)
        qs = qs.filter(host_unit__competent_unit_id=county_id) if county_id else qs.none()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-recognized_on", "official_name")


def filings_visible_to(user) -> QuerySet[Filing]:
    return Filing.objects.visible_to(user).select_related("center__host_unit")


def changes_visible_to(user) -> QuerySet[ChangeRequest]:
    return ChangeRequest.objects.visible_to(user).select_related("center__host_unit", "center__lead_unit",
                                                                   "new_unit")


def _count_of(qs) -> Coalesce:
    rows = qs.filter(center=OuterRef("pk")).order_by().values("center").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_attention(qs: QuerySet[Center]) -> QuerySet[Center]:
    """Annotate what needs a county officer's attention: pending filings, changes waiting, overdue legal form."""
    today = timezone.localdate()
    # Counted per row by subqueries, not by a GROUP BY over the joined registry: a page of 50 then costs 50
    # index lookups, and the paginator's count drops them (10,000 centers: the grouping took most of the page).
    return qs.annotate(
        pending_filings=_count_of(Filing.objects.filter(state=FilingState.SUBMITTED)),
        waiting_changes=_count_of(ChangeRequest.objects.filter(state=ChangeState.SUBMITTED)),
    ).annotate(
        legal_form_is_overdue=ExpressionWrapper(
            Q(legal_form=LegalForm.INTERNAL_UNIT, legal_form_target_date__lt=today) & ~Q(status="revoked"),
            output_field=BooleanField()),
    )


@dataclass
class Attention:
    center: Center
    notes: list[str]


def attention_list(user, limit: int | None = None) -> list[Attention]:
    """Centers with something to look at, for the county officer's list and workbench (one query)."""
    today = timezone.localdate()
    qs = with_attention(centers_visible_to(user)).filter(
        Q(pending_filings__gt=0) | Q(waiting_changes__gt=0)
        | Q(legal_form=LegalForm.INTERNAL_UNIT, legal_form_target_date__lt=today) & ~Q(status="revoked")
    ).order_by("official_name")
    out = []
    for c in qs[:limit] if limit else qs:
        out.append(Attention(c, attention_notes(c)))
    return out


def attention_notes(c: Center) -> list[str]:
    notes = []
    if getattr(c, "legal_form_is_overdue", False):
        notes.append(f"内设机构已超过计划成为独立法人的日期（{c.legal_form_target_date:%Y-%m-%d}，第十二条）")
    if getattr(c, "pending_filings", 0):
        notes.append(f"{c.pending_filings}项备案待市科技局确认")
    if getattr(c, "waiting_changes", 0):
        notes.append(f"{c.waiting_changes}项变更申请待审核")
    return notes
