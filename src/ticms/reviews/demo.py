"""Demo: an expert pool of 21, a panel with opinions in progress, and concluded reviews that reach 完善建设方案
and 建设方案已提交.

Continues from the recognition steps' demo (ctx.extra["applications"]: "expert_review", "expert_review_preparatory",
"plan_revision", "plan_submitted", "preparatory"); a third application is taken through the recognition steps here
so the notices demo has one to recognize after an ended notice. Shares ctx.extra["plan_submitted"] =
{"current": app, "ended": app, "ended_preparatory": app} with the notices demo; the recognition steps'
"plan_submitted" stays off any notice (the bureau's work: put it on one).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from ticms.accounts.models import User
from ticms.accounts.roles import Role
from ticms.applications import services as app_services
from ticms.applications.demo import FACTS, REQUIRED_ATTACHMENTS, _county_user, _user
from ticms.applications.models import Application
from ticms.ops.demo import DemoContext, demo_account

from . import draw as drawing
from . import services
from .models import Expert, Panel
from .purposes import indicators_for
from .selectors import latest_panel_for
from .subjects import describe

# name, title, unit (outside the city) or demo organisation index, fields
POOL = [
    ("周教授（评审专家）", "教授", "太原理工大学", ["现代煤化工", "高端陶瓷", "碳基新材料", "特种金属材料"]),
    ("韩立军", "研究员", "中国科学院山西煤炭化学研究所", ["现代煤化工", "碳基新材料"]),
    ("马晓峰", "教授", "中北大学", ["现代煤化工", "固废利用"]),
    ("孔德明", "正高级工程师", "山西焦煤集团技术中心", ["现代煤化工", "能源互联网"]),
    ("邓丽华", "教授", "山西大学", ["现代煤化工", "现代生物（中）医药和大健康"]),
    ("魏建平", "研究员", 10, ["现代煤化工"]),  # 山西省朔州现代煤化工研究所: left out of its own application
    ("彭志刚", "教授", "景德镇陶瓷大学", ["高端陶瓷", "钙基新材料"]),
    ("罗晓燕", "正高级工程师", "山西省建筑材料工业设计研究院", ["高端陶瓷", "固废利用"]),
    ("曹国栋", "教授", "太原科技大学", ["高端陶瓷", "特种金属材料", "智能制造"]),
    ("谢文斌", "研究员", "中国科学院金属研究所", ["特种金属材料", "半导体"]),
    ("唐宏伟", "教授", "中北大学", ["特种金属材料", "智能制造"]),
    ("许可欣", "正高级工程师", "太原重工股份有限公司", ["特种金属材料", "智能制造"]),
    ("冯海涛", "教授", "华北电力大学", ["新能源", "储能", "能源互联网"]),
    ("蒋雪梅", "研究员", "中国电力科学研究院", ["储能", "新能源"]),
    ("沈建国", "教授", "山西农业大学", ["有机旱作农业和现代农业"]),
    ("杜晓明", "研究员", "山西省农业科学院", ["有机旱作农业和现代农业", "现代生物（中）医药和大健康"]),
    ("范志强", "教授", "西安电子科技大学", ["半导体", "智能制造"]),
    ("陆一鸣", "正高级工程师", "山西钢科碳材料有限公司", ["碳基新材料", "固废利用"]),
    ("夏春燕", "教授", "太原理工大学", ["钙基新材料", "固废利用", "高端陶瓷"]),
    ("钟国华", "研究员", 3, ["储能", "新能源"]),  # 朔州储能技术研究院
    ("任建华", "教授", "山西中医药大学", ["现代生物（中）医药和大健康", "有机旱作农业和现代农业"]),
]


def _account(ctx: DemoContext, index: int, display: str) -> User:
    if index == 0:
        return ctx.users["expert"]
    username = f"expert{index:02d}"
    user, _created = demo_account(username, f"{display}（专家）", Role.EXPERT)
    return user


def _pool(ctx: DemoContext) -> list[Expert]:
    bureau = ctx.users["bureau"]
    experts = []
    for index, (name, title, unit, fields) in enumerate(POOL):
        expert = Expert.objects.filter(name=name).first()
        if expert is None:
            org = ctx.orgs[unit] if isinstance(unit, int) else None
            expert = services.create_expert(
                actor=bureau, name=name, title=title, organisation=org, organisation_text="" if org else unit,
                fields=fields, phone=f"1390349{index:04d}", user=_account(ctx, index, name),
            )
        experts.append(expert)
    # A declared tie: 陆一鸣 co-authored with 晋北碳基 (demo organisation 0).
    if not experts[17].declared_ties.exists():
        services.update_expert(actor=bureau, expert=experts[17], declared_ties=[ctx.orgs[0]])
    return experts


def _size_with(expert: Expert, subject, size: int) -> int:
    """A panel size that puts the demo expert on the panel (so the demo account has work to see) without steering
    the draw: every eligible candidate of the field, when the demo expert is one of them."""
    info = describe(subject)
    candidates = drawing.eligible_ids(services.drawable_pool(), info.field, info.organisation_ids)
    return max(size, len(candidates)) if expert.pk in candidates else size


def _panel(ctx: DemoContext, subject, size: int, me: Expert | None):
    """The subject's panel, drawn once; with the demo expert on it when `me` is given (he must serve the field)."""
    panel = latest_panel_for(subject)
    if panel is None:
        info = describe(subject)
        panel = services.form_panel(
            actor=ctx.users["bureau"], subject=subject, field=info.field,
            excluded_org_ids=info.organisation_ids, purpose="recognition",
            size=_size_with(me, subject, size) if me else size,
            site_visit_place=f"{subject.lead_unit.name}中试基地", defence_place="朔州市科技局三楼会议室",
        )
    return panel


def _opinions(panel, *, recommendation: str, share: float, skip_user=None, limit: int | None = None) -> None:
    done = 0
    for a in panel.assignments.filter(active=True).select_related("expert__user").order_by("pk"):
        if limit is not None and done >= limit:
            return
        if a.expert.user is None or a.expert.user == skip_user:
            continue
        if a.declaration == "pending":
            a = services.declare(actor=a.expert.user, assignment=a, no_conflict=True)
        if not hasattr(a, "opinion"):
            scores = {i.code: str(round(float(i.max) * share)) for i in indicators_for(panel)}
            services.submit_opinion(actor=a.expert.user, assignment=a, scores=scores, recommendation=recommendation,
                                    comment="研发基础较好，建设方案基本可行，建议按专家意见进一步完善。")
        done += 1


def _to_plan_submitted(ctx: DemoContext, app, applicant, *, stop: str = "plan_submitted") -> object:
    """Conclude the review (bureau), then — unless `stop` is plan_revision — upload the revised plan and submit it
    (applicant). Steps already taken are skipped, so a second run changes nothing."""

    bureau = ctx.users["bureau"]
    if app.state == "expert_review":
        app = app_services.transition_application(actor=bureau, application=app, name="conclude_review")
    if app.state == "plan_revision" and stop == "plan_submitted":
        content = b"%PDF-1.4\n%revised " + str(app.pk).encode() + b"\n%%EOF\n"
        upload = SimpleUploadedFile("完善后的建设方案.pdf", content)
        app_services.add_attachment(actor=applicant, application=app, kind="revised_plan", upload=upload)
        app = app_services.transition_application(actor=applicant, application=app, name="submit_plan")
    return app


def _third_application(ctx: DemoContext):
    """怀仁市特种金属材料: taken from draft to expert review through the recognition steps' services."""

    org = ctx.orgs[8]
    applicant = _user(ctx, "applicant_hr", "蒋申报（怀仁特种金属）", org)
    app = Application.objects.filter(call=ctx.extra["call"], lead_unit=org).first()
    if app is not None:
        return app, applicant
    app = app_services.create_application(actor=applicant, lead_unit=org, call=ctx.extra["call"])
    app = app_services.update_application(actor=applicant, application=app, changes={
        **FACTS, "field": "特种金属材料", "name": "特种金属材料", "director": "蒋明"})
    for kind in REQUIRED_ATTACHMENTS:
        upload = SimpleUploadedFile(f"{kind}.pdf", b"%PDF-1.4\n%" + f"hr-{kind}".encode() + b"\n%%EOF\n")
        app_services.add_attachment(actor=applicant, application=app, kind=kind, upload=upload)
    county = ctx.users[_county_user(ctx, org)]
    for actor, name in ((applicant, "submit"), (county, "county_recommend"), (ctx.users["bureau"], "recheck_pass")):
        app = app_services.transition_application(actor=actor, application=app, name=name)
    return app, applicant


def _applicant(app) -> User:
    return app.lead_unit.memberships.filter(role=Role.APPLICANT).first().user


# The recognition steps' label → (panel's recommendation, score share, where the review leaves it).
CONCLUDED = {
    "plan_revision": ("recognize", 0.8, "plan_revision"),
    "plan_submitted": ("recognize", 0.83, "plan_submitted"),
    "preparatory": ("preparatory", 0.7, "plan_submitted"),
}


def _concluded_reviews(ctx: DemoContext, apps: dict, ready: dict) -> None:
    """Three panels of three (the demo expert serves none of these fields), every opinion in, review concluded."""
    for label, (recommendation, share, stop) in CONCLUDED.items():
        app = apps.get(label)
        if app is None:
            continue
        app.refresh_from_db()
        if app.state == "expert_review":
            _opinions(_panel(ctx, app, 3, None), recommendation=recommendation, share=share)
        app = _to_plan_submitted(ctx, app, _applicant(app), stop=stop)
        if label == "preparatory":
            ready["ended_preparatory"] = app


def seed(ctx: DemoContext) -> None:
    if "bureau" not in ctx.users:
        return
    experts = _pool(ctx)
    me = experts[0]
    apps = ctx.extra.get("applications") or {}
    ready = ctx.extra.setdefault("plan_submitted", {})
    running = apps.get("expert_review")
    if running is not None:
        # In progress: two opinions in, the demo expert still to declare.
        panel = _panel(ctx, running, 5, me)
        _opinions(panel, recommendation="recognize", share=0.85, skip_user=me.user, limit=2)
    concluded = apps.get("expert_review_preparatory")
    if concluded is not None:
        concluded.refresh_from_db()
        panel = _panel(ctx, concluded, 3, me)
        _opinions(panel, recommendation="preparatory", share=0.72)
        ready["current"] = _to_plan_submitted(ctx, concluded, _applicant(concluded))
    _concluded_reviews(ctx, apps, ready)
    if "call" in ctx.extra:
        third, applicant = _third_application(ctx)
        third.refresh_from_db()
        if third.state == "expert_review":
            panel = _panel(ctx, third, 3, me)
            _opinions(panel, recommendation="recognize", share=0.88)
        ready["ended"] = _to_plan_submitted(ctx, third, applicant)

    ctx.say(f"专家库：{Expert.objects.count()} 名专家；专家组：{Panel.objects.count()} 个\n")
