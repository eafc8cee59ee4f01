"""The registry's lists across centers (issue 13): the centers themselves (管理), filings, change requests, support
records and outputs, each scoped like its records (`visible_to`), filtered (centers/filters.py), sorted, paged and
exported as XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ticms.exports import wants_xlsx
from ticms.web.lists import Column, Listing
from ticms.web.routes import page

from .changes import proposed_value
from .exports import CENTERS_EXPORT, CHANGES_EXPORT, FILINGS_EXPORT, OUTPUTS_EXPORT, SUPPORTS_EXPORT
from .filters import CenterFilter, ChangeRequestFilter, FilingFilter, OutputFilter, SupportFilter
from .models import Output, Support
from .selectors import centers_visible_to, changes_visible_to, filings_visible_to, with_attention

CENTER = Column("中心", "center", ("center__official_name",))
# Support records and outputs are both a center's yearly records of a kind, under a name.
YEARLY = [CENTER, "类型", "名称", Column("年度", "year", ("year",))]


def _list(request, qs, filterset, export, kind: str, *, title, columns, default_sort, intro="", each=None):
    """A registry list on the shared list page: its rows drawn by `centers/jinja2/centers/rows/<kind>.jinja`, its
    table `<kind>-list`; `each` sets what a row shows beyond its fields."""
    listing = Listing(request, qs, columns=columns, filterset=filterset, default_sort=default_sort)
    if wants_xlsx(request):
        return export.response(request, listing.qs)
    for row in listing.page_obj if each else ():  # a Page keeps the rows it listed once, so these stay set
        each(row)
    return render(
        request,
        "web/list_page.html",
        {
            "title": title,
            "intro": intro,
            "listing": listing,
            "page_obj": listing.page_obj,
            "rows_template": f"centers/rows/{kind}.jinja",
            "table_id": f"{kind}-list",
        },
    )


CENTER_COLUMNS = [
    Column("名称", "name", ("official_name",), unique=True),
    "依托单位", "归口管理单位", "状态",
    Column("认定日期", "recognized", ("recognized_on", "-official_name"), unique=True),
    "需要关注",
]


@page("centers/manage/")
@login_required
def center_list(request):
    listing = Listing(request, centers_visible_to(request.user), columns=CENTER_COLUMNS, filterset=CenterFilter,
                      default_sort="name", per_page=50)
    if wants_xlsx(request):
        return CENTERS_EXPORT.response(request, listing.qs)
    listing.qs = with_attention(listing.qs)  # subqueries, which the count leaves out
    listing.rows_only("official_name", "status", "recognized_on", host_name="host_unit__name",
                      county_name="host_unit__competent_unit__name")
    return render(request, "centers/center_list.html", {"listing": listing, "page_obj": listing.page_obj,
                                                        "centers": listing.page_obj.object_list})


@page("centers/filings/")
@login_required
def filing_list(request):
    return _list(
        request, filings_visible_to(request.user), FilingFilter, FILINGS_EXPORT, "filing",
        title="备案", default_sort="-submitted",
        columns=[CENTER, "备案事项", "人员", Column("任命 / 聘任日期", "appointed", ("appointed_on",)), "状态",
                 Column("报备时间", "submitted", ("submitted_at",))],
        intro="依托单位任命中心主任、聘任专家委员会主任及委员，报归口管理单位和市科技局备案（第七条第（二）项）。",
    )


@page("centers/changes/")
@login_required
def change_list(request):
    return _list(
        request, changes_visible_to(request.user), ChangeRequestFilter, CHANGES_EXPORT, "change",
        title="变更申请", default_sort="-created", each=_with_proposed_value,
        columns=[CENTER, "变更类型", "变更内容", "状态", Column("创建时间", "created", ("created_at",)),
                 Column("提交时间", "submitted", ("submitted_at",))],
        intro="变更名称、依托单位或其他重大事项，经归口管理单位同意后报市科技局批准（第七条第（四）项、第十五条）。",
    )


def _yearly_list(request, model, filterset, export, kind: str, *, columns, **kwargs):
    qs = model.objects.visible_to(request.user).select_related("center__host_unit")
    return _list(request, qs, filterset, export, kind, default_sort="-year", columns=[*YEARLY, *columns], **kwargs)


def _with_proposed_value(row):
    row.proposed = proposed_value(row)  # a category or legal form as people read it, not its code


@page("centers/supports/")
@login_required
def support_list(request):
    return _yearly_list(
        request, Support, SupportFilter, SUPPORTS_EXPORT, "support",
        title="支持措施", columns=[Column("金额", "amount", ("amount",)), "依据"],
        intro="定向委托市级科技计划项目、组建创新联合体、申报省级创新平台基地等支持措施（第十六条、第十七条）。",
    )


@page("centers/outputs/")
@login_required
def output_list(request):
    return _yearly_list(
        request, Output, OutputFilter, OUTPUTS_EXPORT, "output",
        title="中心成果", columns=["编号", Column("转化收入", "income", ("income",))],
        intro="自主知识产权、技术转移转化、孵化企业、关键核心技术和标准等成果（第二条、第十四条）。",
    )
