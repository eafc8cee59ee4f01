"""Demo: applications in every state of the recognition flow (draft … expert_review), built through the services.

The reviews demo continues from the applications left in expert_review (ctx.extra["applications"]): one stays
there, the others are labelled by the state the reviews and notices demos take them to (plan_revision,
plan_submitted, preparatory; "expert_review_preparatory" ends in the current notice, 公示中).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from ticms.accounts.models import User
from ticms.accounts.roles import Role
from ticms.ops.demo import DemoContext, demo_account

from . import services
from .models import REQUIRED_ATTACHMENTS, Application

PDF = b"%PDF-1.4\n%demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

FACTS = {
    "category": "domain", "independent_legal_person": True, "director_title": "正高级工程师", "fixed_staff": 22,
    "visiting_staff": 8, "floor_area_m2": Decimal("620"), "equipment_value": Decimal("3560000"),
    "rd_investment_y1": Decimal("820000"), "rd_investment_y2": Decimal("960000"),
    "rd_investment_y3": Decimal("1150000"), "ip_asset_count": 14,
    "ip_assets": "发明专利6项、实用新型专利8项", "achievements": "关键工艺中试成功，成果在本市3家企业转化应用。",
    "construction_plan": "三年内建成中试平台和检测中心，引进高层次人才10名，转化成果5项。",
    "integrity_declaration": True, "integrity_signer": "法定代表人",
}

# (label, organisation index, username, display name, field, director, target state, extra facts)
PLAN = [
    ("draft", 0, "applicant", None, "碳基新材料", "王立新", "draft", {"fixed_staff": 12}),
    ("submitted", 1, "applicant3", "陈申报（固废利用）", "固废利用", "陈建国", "submitted", {}),
    ("returned", 2, "applicant2", None, "新能源", "李海峰", "returned", {}),
    ("recommended", 3, "applicant4", "刘申报（储能研究院）", "储能", "刘明", "recommended", {}),
    ("rejected", 9, "applicant5", "杨申报（职业学院）", "智能制造", "杨帆", "rejected", {}),
    ("withdrawn", 5, "applicant6", "黄申报（应县钙基）", "钙基新材料", "黄伟", "withdrawn", {}),
    ("expert_review", 10, "applicant7", "吴申报（煤化工研究所）", "现代煤化工", "吴强", "expert_review", {}),
    ("expert_review_preparatory", 4, "applicant8", "郑申报（山阴陶瓷）", "高端陶瓷", "郑红", "expert_review",
     {"fixed_staff": 11, "requests_preparatory": True,
      "preparatory_reason": "高端陶瓷是我市重点培育的产业集群，发展急需。"}),
    # Carried on by the reviews demo (panel, opinions, conclusion) and, for "preparatory", the notices demo.
    ("plan_revision", 6, "applicant9", "孙申报（右玉旱作农业）", "有机旱作农业和现代农业", "孙志强",
     "expert_review", {}),
    ("plan_submitted", 7, "applicant10", "周申报（怀仁智能制造）", "智能制造", "周立华", "expert_review", {}),
    ("preparatory", 11, "applicant11", "钱申报（生物医药研究院）", "现代生物（中）医药和大健康", "钱文博",
     "expert_review", {"fixed_staff": 12, "requests_preparatory": True,
                       "preparatory_reason": "生物医药和大健康是我市新兴产业，研究院组建不足三年，急需平台支撑。"}),
]

STEPS = {
    "draft": [],
    "submitted": ["submit"],
    "returned": ["submit", ("county_return", "请补充近三年研发投入专项审计报告。")],
    "recommended": ["submit", "county_recommend"],
    "rejected": ["submit", ("county_reject", "申报领域与本县产业布局不符，且场所尚未落实。")],
    "withdrawn": ["submit", "withdraw"],
    "expert_review": ["submit", "county_recommend", "recheck_pass"],
}


def _user(ctx: DemoContext, username: str, display: str | None, organisation) -> User:
    if username in ctx.users:
        return ctx.users[username]
    user, _created = demo_account(username, display, Role.APPLICANT, organisation=organisation)
    ctx.users[username] = user
    return user


def _actor(ctx: DemoContext, step: str, applicant: User, county: str) -> User:
    if step in ("submit", "withdraw"):
        return applicant
    return ctx.users[county] if step.startswith("county_") else ctx.users["bureau"]


def seed(ctx: DemoContext) -> None:
    call = ctx.extra["call"]
    apps = ctx.extra.setdefault("applications", {})
    for label, org_index, username, display, field, director, target, extra in PLAN:
        org = ctx.orgs[org_index]
        applicant = _user(ctx, username, display, org)
        existing = Application.objects.filter(call=call, lead_unit=org).first()
        if existing is not None:  # already seeded: running the demo twice adds nothing
            apps[label] = existing
            continue
        app = services.create_application(actor=applicant, lead_unit=org, call=call)
        app = services.update_application(actor=applicant, application=app, changes={
            **FACTS, "field": field, "name": field, "director": director, **extra})
        if target != "draft":
            for kind in REQUIRED_ATTACHMENTS:
                upload = SimpleUploadedFile(f"{kind}.pdf", PDF + f"{org.pk}-{kind}".encode())
                services.add_attachment(actor=applicant, application=app, kind=kind, upload=upload)
        county = {"朔城区": "county", "平鲁区": "county2"}.get(org.competent_unit.name) or _county_user(ctx, org)
        for step in STEPS[target]:
            name, comment = step if isinstance(step, tuple) else (step, "")
            app = services.transition_application(actor=_actor(ctx, name, applicant, county), application=app,
                                                  name=name, comment=comment)
        apps[label] = app
    ctx.say(f"申请书：{len(apps)} 份（{'、'.join(sorted({a.get_state_display() for a in apps.values()}))}）\n")


def _county_user(ctx: DemoContext, org) -> str:
    """A county officer for competent units the accounts demo gives none (山阴县, 应县 …)."""
    username = f"county_{org.competent_unit.division_code or org.competent_unit.pk}"
    if username not in ctx.users:
        unit = org.competent_unit
        display = f"{unit.name}科技局" if unit.division_code else f"{unit.name}归口管理员"
        user, _created = demo_account(username, display, Role.COUNTY_OFFICER, competent_unit=org.competent_unit)
        ctx.users[username] = user
    return username
