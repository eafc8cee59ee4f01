"""统计看板: the figures of the bureau's dashboard (everything) and a county officer's (their jurisdiction).

Every figure is a grouped SQL aggregate over the same scope filter the lists use (`visible_to(user, role)`), so
the dashboard never counts a record its reader could not open. One query per record kind, whatever the number of
rows; the grouped rows are folded into charts here. The result is cached for a minute per scope (the bureau
shares one entry; a county officer shares it with officers of the same competent units).

Each chart element carries the URL of the list behind it, filtered the same way (the lists' FilterSets, issue 13),
so the list's 「共 N 条」 equals the figure: applications by `state` (`in_progress` for the tile), `year` and
`county`; centers by `status`, `category`, `field`, `county` — the public directory for the bureau (it lists every
center), the scoped back-office list for a county officer; objections by `state`; a round's results by `grade`;
support records by `year`; overdue evaluations and rectifications their own lists (`evaluations.overdue_views`,
the same definition as the tiles').
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.applications.filters import IN_PROGRESS, IN_PROGRESS_STATES
from ticms.applications.models import Application, State
from ticms.centers.models import Category, Center, CenterStatus, Support
from ticms.evaluations.models import Evaluation, Grade, Rectification
from ticms.evaluations.selectors import overdue_evaluations, overdue_rectifications
from ticms.money import wan_text
from ticms.notices.models import Objection, ObjectionState

CACHE_SECONDS = 60


def dashboard_role(user) -> str | None:
    """The role a user reads the dashboard in: the bureau before a county officer; None for everyone else."""
    if user is None or not user.is_authenticated:
        return None
    for role in (Role.BUREAU_OFFICER, Role.COUNTY_OFFICER):
        if user.has_role(role):
            return role
    return None


def cache_key(user, role: str) -> str:
    today = timezone.localdate().isoformat()  # "overdue" changes at midnight
    if role == Role.BUREAU_OFFICER:
        return f"dashboard:bureau:{today}"
    units = ",".join(str(i) for i in sorted(set(user.competent_unit_ids())))
    return f"dashboard:county:{units}:{today}"


def figures_for(user) -> dict | None:
    role = dashboard_role(user)
    if role is None:
        return None
    key = cache_key(user, role)
    data = cache.get(key)
    if data is None:
        data = compute(user, role)
        cache.set(key, data, CACHE_SECONDS)
    return data


def _url(base: str, **params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{base}?{urlencode(params)}" if params else base


def _chart(chart_id: str, title: str, rows: list[tuple[str, int, str]], *, note: str = "") -> dict:
    """A one-series bar chart: rows of (label, value, link)."""
    return {"id": chart_id, "title": title, "note": note, "categories": [r[0] for r in rows],
            "series": [{"name": title, "data": [r[1] for r in rows], "links": [r[2] for r in rows]}]}


def compute(user, role: str) -> dict:
    today = timezone.localdate()
    apps = Application.objects.visible_to(user, role)
    centers = Center.objects.visible_to(user, role)
    evaluations = Evaluation.objects.visible_to(user, role)
    rectifications = Rectification.objects.visible_to(user, role)
    supports = Support.objects.visible_to(user, role)

    # 1 query: applications by (state, year, county of the lead unit).
    by_state: Counter = Counter()
    by_year: Counter = Counter()
    by_county: Counter = Counter()
    app_county_names: dict[int | None, str] = {}
    for row in apps.order_by().values("state", "year", "lead_unit__competent_unit_id",
                                      "lead_unit__competent_unit__name").annotate(n=Count("pk")):
        by_state[row["state"]] += row["n"]
        by_year[row["year"]] += row["n"]
        unit = row["lead_unit__competent_unit_id"]
        by_county[unit] += row["n"]
        app_county_names[unit] = row["lead_unit__competent_unit__name"] or "（未登记归口管理单位）"

    # 1 query: centers by (status, category, field, county).
    c_status: Counter = Counter()
    c_category: Counter = Counter()
    c_field: Counter = Counter()
    c_county: Counter = Counter()
    county_names: dict[int, str] = {}
    county_codes: dict[int, str] = {}
    for row in centers.order_by().values("status", "category", "field", "host_unit__competent_unit_id",
                                         "host_unit__competent_unit__name",
                                         "host_unit__competent_unit__division_code").annotate(n=Count("pk")):
        c_status[row["status"]] += row["n"]
        c_category[row["category"]] += row["n"]
        c_field[row["field"]] += row["n"]
        unit = row["host_unit__competent_unit_id"]
        c_county[unit] += row["n"]
        county_names[unit] = row["host_unit__competent_unit__name"] or "（未登记归口管理单位）"
        county_codes[unit] = row["host_unit__competent_unit__division_code"] or ""

    # 1 query: graded evaluations by round and grade.
    grades: dict[int, Counter] = defaultdict(Counter)
    rounds: dict[int, str] = {}
    for row in (evaluations.exclude(grade="").order_by()
                .values("round_id", "round__year", "round__title", "grade").annotate(n=Count("pk"))):
        grades[row["round_id"]][row["grade"]] += row["n"]
        rounds[row["round_id"]] = f"{row['round__year']}年度"
    round_ids = sorted(rounds, key=lambda pk: rounds[pk])

    # 2 queries: overdue items.
    late_evaluations = overdue_evaluations(evaluations, today).count()
    late_rectifications = overdue_rectifications(rectifications, today).count()

    # 1 query: days from (last) submission to recognition, one pair of dates per recognised application.
    # The median is taken here: SQLite has no percentile function, and the column is two dates per center.
    days = [
        (recognized_on - timezone.localdate(submitted_at)).days
        for submitted_at, recognized_on in apps.filter(
            state__in=[State.RECOGNIZED, State.PREPARATORY], submitted_at__isnull=False, center__isnull=False,
        ).order_by().values_list("submitted_at", "center__recognized_on")
    ]
    median_days = statistics.median(days) if days else None

    # 1 query: support granted by year.
    support_rows = list(supports.order_by("year").values("year").annotate(n=Count("pk"), amount=Sum("amount")))

    # 1 query (bureau only: the objection list is the bureau's).
    open_objections = (Objection.objects.visible_to(user, role).filter(state=ObjectionState.OPEN).count()
                       if role == Role.BUREAU_OFFICER else None)

    apps_url = reverse("application_list")
    # The bureau's bars open the public directory (every center); a county officer's their scoped list.
    directory = reverse("centers:directory") if role == Role.BUREAU_OFFICER else reverse("centers:center_list")
    supports_url = reverse("centers:support_list")
    state_labels = dict(State.choices)
    status_labels = dict(CenterStatus.choices)
    category_labels = dict(Category.choices)
    grade_labels = dict(Grade.choices)

    charts = [
        _chart("applications-by-state", "申请书（按状态）",
               [(state_labels[s], by_state[s], _url(apps_url, state=s)) for s in State.values if by_state[s]]),
        _chart("applications-by-year", "申请书（按申报年度）",
               [(f"{y}年", by_year[y], _url(apps_url, year=y)) for y in sorted(by_year)]),
        _chart("applications-by-county", "申请书（按县（市、区））",
               [(app_county_names[u], by_county[u], _url(apps_url, county=u)) for u in
                sorted(by_county, key=lambda u: app_county_names[u]) if u is not None],
               note="按牵头单位的归口管理单位统计。"),
        _chart("centers-by-status", "创新中心（按状态）",
               [(status_labels[s], c_status[s], _url(directory, status=s)) for s in CenterStatus.values
                if c_status[s]]),
        _chart("centers-by-category", "创新中心（按类别）",
               [(category_labels[c], c_category[c], _url(directory, category=c)) for c in Category.values
                if c_category[c]]),
        _chart("centers-by-field", "创新中心（按产业集群）",
               [(f or "（未填）", n, _url(directory, field=f)) for f, n in sorted(c_field.items())]),
        _chart("centers-by-county", "创新中心（按县（市、区））",
               [(county_names[u], c_county[u], _url(directory, county=u)) for u in
                sorted(c_county, key=lambda u: county_names[u])],
               note="按依托单位的归口管理单位统计；地图只含有行政区划代码的县（市、区），其余单位见柱形图。"),
        {
            "id": "grades-by-round", "title": "评估等级（按评估批次）", "note": "", "stack": True,
            "categories": [rounds[r] for r in round_ids],
            "series": [
                {"name": grade_labels[g], "data": [grades[r][g] for r in round_ids],
                 "links": [_url(reverse("evaluations:round_results", args=[r]), grade=g) for r in round_ids]}
                for g in Grade.values
            ],
        },
        {
            "id": "support-by-year", "title": "支持措施（按年度）",
            "note": "金额单位：万元；点击打开该年度的支持措施。",
            "categories": [f"{r['year']}年" for r in support_rows],
            "series": [
                {"name": "项数", "data": [r["n"] for r in support_rows],
                 "links": [_url(supports_url, year=r["year"]) for r in support_rows]},
                {"name": "金额（万元）", "data": [float(wan_text(r["amount"] or 0)) for r in support_rows],
                 "links": [_url(supports_url, year=r["year"]) for r in support_rows]},
            ],
            "amounts": [wan_text(r["amount"] or 0) for r in support_rows],
        },
    ]
    in_progress = sum(by_state[s] for s in IN_PROGRESS_STATES)
    tiles = [
        {"id": "applications-in-progress", "label": "办理中的申请书", "value": in_progress,
         "url": _url(apps_url, state=IN_PROGRESS)},
        {"id": "centers-active", "label": "运行中的创新中心", "value": c_status[CenterStatus.ACTIVE],
         "url": _url(directory, status=CenterStatus.ACTIVE)},
        {"id": "evaluations-overdue", "label": "材料逾期的评估", "value": late_evaluations,
         "url": reverse("evaluations:overdue_evaluations")},
        {"id": "rectifications-overdue", "label": "逾期的整改", "value": late_rectifications,
         "url": reverse("evaluations:overdue_rectifications")},
    ]
    if open_objections is not None:
        tiles.append({"id": "objections-open", "label": "待处理的异议", "value": open_objections,
                      "url": _url(reverse("notices:objection_list"), state=ObjectionState.OPEN)})
    # The county map (vendor/geo/shuozhou.json) finds its areas by division code; units without one (市直有关
    # 主管单位) stay in the bars only.
    county_map = [{"code": county_codes[u], "name": county_names[u], "value": c_county[u],
                   "link": _url(directory, county=u)} for u in c_county if county_codes[u]]
    return {
        "role": role,
        "today": today.isoformat(),
        "county_map": county_map,
        "tiles": tiles,
        "charts": charts,
        "median_days_to_recognition": median_days,
        "recognized_count": len(days),
        "applications_total": sum(by_state.values()),
        "centers_total": sum(c_status.values()),
    }


def table_rows(chart: dict) -> list[tuple[str, list[tuple[object, str]]]]:
    """The chart as table rows (category, [(value, link) per series]): the page's text alternative to the bars."""
    return [(category, [(s["data"][i], s["links"][i]) for s in chart["series"]])
            for i, category in enumerate(chart["categories"])]
