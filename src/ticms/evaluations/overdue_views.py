"""The overdue lists the dashboard's tiles open: evaluations whose materials are late, rectifications past their
deadline. Scoped like every list; the tile's number and the list's total come from the same definition
(`selectors.overdue_evaluations`, `overdue_rectifications`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from ticms.exports import wants_xlsx
from ticms.web.lists import Column, Listing
from ticms.web.routes import page

from .exports import EVALUATIONS_EXPORT, RECTIFICATIONS_EXPORT
from .filters import OverdueEvaluationFilter, OverdueRectificationFilter
from .selectors import (
    evaluations_visible_to,
    overdue_evaluations,
    overdue_rectifications,
    rectifications_visible_to,
)

EVALUATION_COLUMNS = [
    Column("中心", "center", ("center__official_name",)),
    "依托单位", "县（市、区）",
    Column("评估年度", "year", ("round__year",)),
    Column("材料截止", "deadline", ("round__materials_deadline",)),
    "逾期", "状态",
]
RECTIFICATION_COLUMNS = [
    Column("中心", "center", ("evaluation__center__official_name",)),
    "依托单位", "县（市、区）",
    Column("评估年度", "year", ("evaluation__round__year",)),
    Column("整改期限", "deadline", ("deadline",)),
    "逾期", "状态",
]


def _overdue(request, qs, today, *, filterset, columns, export, rows: tuple[tuple, dict], kind: str, **text):
    """One overdue list (`qs`, overdue on `today`): scoped, filtered, oldest deadline first, exported as it is
    filtered; `text` is the page's title, lead sentence and the sentence of an empty list."""
    listing = Listing(request, qs, columns=columns, filterset=filterset, default_sort="deadline")
    if wants_xlsx(request):
        return export.response(request, listing.qs)
    listing.rows_only(*rows[0], **rows[1])
    return render(request, "evaluations/overdue_list.html", {
        "listing": listing, "today": today, **text,
        "rows_template": f"evaluations/rows/overdue_{kind}.jinja", "table_id": f"overdue-{kind}s",
    })


@page("evaluations/overdue/", name="overdue_evaluations")
@login_required
def overdue_evaluation_list(request):
    today = timezone.localdate()
    return _overdue(
        request, overdue_evaluations(evaluations_visible_to(request.user), today), today,
        filterset=OverdueEvaluationFilter, columns=EVALUATION_COLUMNS, export=EVALUATIONS_EXPORT, kind="evaluation",
        rows=(("state",),
              {"center_name": "center__official_name", "host_name": "center__host_unit__name",
               "county_name": "center__host_unit__competent_unit__name", "year": "round__year",
               "deadline": "round__materials_deadline"}),
        title="材料逾期的评估", empty="没有材料逾期的评估。",
        lead="评估批次的材料截止日已过，依托单位尚未提交（或被退回后尚未重新提交）的评估。")


@page("evaluations/rectifications/overdue/", name="overdue_rectifications")
@login_required
def overdue_rectification_list(request):
    today = timezone.localdate()
    return _overdue(
        request, overdue_rectifications(rectifications_visible_to(request.user), today), today,
        filterset=OverdueRectificationFilter, columns=RECTIFICATION_COLUMNS, export=RECTIFICATIONS_EXPORT,
        kind="rectification",
        rows=(("state", "deadline", "evaluation_id", "report_submitted_at"),
              {"center_name": "evaluation__center__official_name",
               "host_name": "evaluation__center__host_unit__name",
               "county_name": "evaluation__center__host_unit__competent_unit__name",
               "year": "evaluation__round__year"}),
        title="逾期的整改", empty="没有逾期的整改。", lead="整改期限已过：整改报告尚未提交，或已提交尚待复查。")
