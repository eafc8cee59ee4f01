"""Demo: last year's closed round (one center retained excellent, one rectifying, one revoked) and this year's
round in progress (materials pending, submitted, checked by the county, expert scoring). Idempotent: once the two
rounds exist nothing is added. Uses the registry's centers of the same names when they exist.

Its centers' names leave out those the notices demo gives the centers it recognizes (特种金属材料) and lists as
preparatory (现代生物（中）医药和大健康): the official name is unique, and a center recognized today is not due."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from ticms.accounts.models import User
from ticms.accounts.roles import Role
from ticms.centers.models import Center
from ticms.centers.services import create_center
from ticms.ops.demo import DemoContext, demo_account
from ticms.reviews import services as reviews
from ticms.reviews.subjects import describe

from . import services
from .models import EvaluationRound
from .scoring import evaluation_system

ROW = {"revenue": "1000", "rd_investment": "100", "key_technologies": 2, "transfers": 4, "transfer_income": "50",
       "incubated_smes": 2, "ip_assets": 7, "fixed_staff": 40, "visiting_staff": 5}

SELF_ASSESSMENT = "三年来围绕关键核心技术开展攻关，成果转化和孵化成效明显。"


def _user(ctx: DemoContext, username: str, display: str, role: str, **target) -> User:
    user, _created = demo_account(username, display, role, **target)
    return user


def _host(ctx: DemoContext, org) -> User:
    existing = User.objects.filter(memberships__role=Role.APPLICANT, memberships__organisation=org).first()
    return existing or _user(ctx, f"host{org.pk:02d}", f"{org.name[:8]}（依托单位）", Role.APPLICANT, organisation=org)


def _county(ctx: DemoContext, org) -> User:
    unit = org.competent_unit
    existing = User.objects.filter(memberships__role=Role.COUNTY_OFFICER, memberships__competent_unit=unit).first()
    return existing or _user(ctx, f"county{unit.pk:02d}", f"{unit.name}归口管理员", Role.COUNTY_OFFICER,
                             competent_unit=unit)


def _center(ctx: DemoContext, org, field: str, recognized_on: date) -> Center:
    name = f"朔州市{field}技术创新中心"
    return Center.objects.filter(official_name=name).first() or create_center(
        actor=ctx.users["bureau"], role=Role.BUREAU_OFFICER, official_name=name, category="domain", field=field,
        host_unit=org, lead_unit=org, recognized_on=recognized_on, reason="演示数据",
    )


def _submit(ctx, ev, share=1):
    host = _host(ctx, ev.center.host_unit)
    row = dict(ROW, rd_investment=str(int(100 * share)), transfers=int(4 * share))
    services.update_materials(actor=host, evaluation=ev, self_assessment=SELF_ASSESSMENT,
                              indicator_data={str(y): row for y in ev.data_years})
    return services.transition_evaluation(actor=host, evaluation=ev, name="submit")


def _forward(ctx, ev):
    return services.transition_evaluation(actor=_county(ctx, ev.center.host_unit), evaluation=ev,
                                          name="county_forward")


def _panel(ctx, ev, size: int, share: float, opinions: int | None = None):
    bureau = ctx.users["bureau"]
    panel = reviews.form_panel(actor=bureau, subject=ev, size=size, field=ev.center.field,
                               excluded_org_ids=describe(ev).organisation_ids, purpose="evaluation")
    services.transition_evaluation(actor=bureau, evaluation=ev, name="start_scoring")
    indicators = evaluation_system(ev).expert_indicators
    demo_expert = ctx.users.get("expert")
    done = 0
    for a in panel.assignments.select_related("expert__user").order_by("pk"):
        user = a.expert.user
        if user is None or (opinions is not None and (done >= opinions or user == demo_expert)):
            continue
        reviews.declare(actor=user, assignment=a, no_conflict=True)
        scores = {i.code: str((i.weight * Decimal(str(share))).quantize(Decimal("0.01"))) for i in indicators}
        reviews.submit_opinion(actor=user, assignment=a, scores=scores, comment="材料翔实，运行规范。",
                               recommendation="retain" if share >= 0.6 else "rectify")
        done += 1
    return panel


def seed(ctx: DemoContext) -> None:
    if "bureau" not in ctx.users or len(ctx.orgs) < 11:
        return
    year = timezone.localdate().year
    if EvaluationRound.objects.filter(year__in=[year - 1, year]).exists():
        return
    bureau, orgs = ctx.users["bureau"], ctx.orgs
    deadline = timezone.localdate() + timedelta(days=30)

    # Last year's round: excellent, rectifying, revoked; then closed.
    closed = {
        "excellent": _center(ctx, orgs[4], "高端陶瓷", date(year - 4, 3, 18)),
        "rectify": _center(ctx, orgs[9], "智能制造", date(year - 4, 5, 20)),
        "revoke": _center(ctx, orgs[1], "固废利用", date(year - 4, 6, 28)),
    }
    past = services.open_round(actor=bureau, year=year - 1, title=f"{year - 1}年度市技术创新中心绩效评估",
                               materials_deadline=deadline, center_ids=[c.pk for c in closed.values()])
    evs = {k: past.evaluations.get(center=c) for k, c in closed.items()}
    for key, share in (("excellent", 1), ("rectify", 0.3), ("revoke", 0.1)):
        ev = _forward(ctx, _submit(ctx, evs[key], share))
        _panel(ctx, ev, 3, share)
    services.conclude(actor=bureau, evaluation=evs["excellent"], outcome="retain", comment="运行良好、成绩突出。")
    services.conclude(actor=bureau, evaluation=evs["rectify"], outcome="rectify",
                      comment="研发投入不足，开放共享制度不健全。请补齐研发投入并建立仪器设备开放共享制度。",
                      deadline=timezone.localdate() + timedelta(days=120))
    services.conclude(actor=bureau, evaluation=evs["revoke"], outcome="revoke", comment="评估期内基本未开展研发活动。")
    services.close_round(actor=bureau, round=past)

    # This year's round in progress.
    current_centers = {
        "pending": _center(ctx, orgs[0], "碳基新材料", date(year - 3, 4, 8)),
        "submitted": _center(ctx, orgs[2], "新能源", date(year - 3, 6, 16)),
        "checked": _center(ctx, orgs[9], "能源互联网", date(year - 3, 9, 1)),  # the registry demo's, when seeded
        "scoring": _center(ctx, orgs[10], "现代煤化工", date(year - 3, 9, 9)),
    }
    current = services.open_round(actor=bureau, year=year, title=f"{year}年度市技术创新中心绩效评估",
                                  materials_deadline=deadline)
    for key, center in current_centers.items():
        ev = current.evaluations.filter(center=center).first()
        if ev is None or key == "pending":
            continue
        ev = _submit(ctx, ev, 0.9)
        if key in ("checked", "scoring"):
            ev = _forward(ctx, ev)
        if key == "scoring":
            _panel(ctx, ev, 5, 0.85, opinions=2)
    ctx.say(f"绩效评估：{EvaluationRound.objects.count()} 个批次（{year - 1}年已结束，{year}年进行中）\n")
