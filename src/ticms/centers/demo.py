"""The registry in the demo: centers in every status, filings, change requests, outputs, supports, a
supervision visit and an engineering center — all through the services, so the audit log tells the story.

Idempotent: the whole seed runs in one transaction and is skipped when its marker center exists.
Field names avoid those the evaluation demo uses (it picks centers up by name).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from ticms.accounts.models import User
from ticms.accounts.roles import Role
from ticms.ops.demo import DemoContext, demo_account

from . import operations, services
from .models import Center, EngineeringCenter

MARKER = "朔州市半导体技术创新中心"
COMMITTEE = "王敏 研究员 山西大学\n赵强 教授级高工 中电科二所\n孙丽 教授 太原理工大学"


def _host(ctx: DemoContext, org) -> User:
    """The org's applicant user (same naming as the evaluation demo, so both find the same person)."""
    existing = User.objects.filter(memberships__role=Role.APPLICANT, memberships__organisation=org).first()
    if existing:
        return existing
    user, _created = demo_account(f"host{org.pk:02d}", f"{org.name[:8]}（依托单位）", Role.APPLICANT, organisation=org)
    return user


def _center(ctx, org, name, field, recognized_on, *, category="domain", status="active", partners=()):
    return services.create_center(
        actor=ctx.users["bureau"], role=Role.BUREAU_OFFICER, official_name=name, category=category, field=field,
        host_unit=org, lead_unit=org, partner_units=partners, status=status, recognized_on=recognized_on,
        reason="演示数据", article="9(4)" if status == "active" else "11")


def _walk(cr, *steps):
    for user, name, comment in steps:
        cr = operations.transition_change(actor=user, change_request=cr, name=name, comment=comment)
    return cr


def seed(ctx: DemoContext) -> None:
    if "bureau" not in ctx.users or len(ctx.orgs) < 12:
        return
    if Center.objects.filter(official_name=MARKER).exists():
        ctx.extra["registry_center"] = Center.objects.get(official_name=MARKER)
        return
    with transaction.atomic():
        _seed(ctx)
    ctx.say("  centers: registry demo seeded\n")


def _seed(ctx: DemoContext) -> None:
    y = date.today().year
    bureau, county, county2 = ctx.users["bureau"], ctx.users["county"], ctx.users["county2"]
    applicant = ctx.users["applicant"]
    orgs = ctx.orgs

    # 1. The demo applicant's center: renamed (history), profile, filings, outputs, supports, a visit.
    main = _center(ctx, orgs[0], "朔州市第三代半导体技术创新中心", "半导体", date(y - 2, 4, 18),
                   partners=[orgs[9], orgs[10]])
    services.update_profile(actor=applicant, center=main, changes={
        "legal_form": "firm", "charter": "中心章程经理事会审议通过：理事会决策、主任负责、专家委员会咨询。",
        "board": "理事会由依托单位、共建高校和市科技局代表共7人组成。", "fixed_staff": 32, "visiting_staff": 12,
        "floor_area_m2": "1200", "equipment_value": "5600000"})
    cr = operations.create_change_request(actor=applicant, center=main, kind="rename", new_name=MARKER,
                                          reasons="研究方向由第三代半导体扩展至半导体全产业链，经理事会决议更名。")
    _walk(cr, (applicant, "submit", ""), (county, "county_agree", "同意更名，报市科技局批准。"),
          (bureau, "approve", "同意更名。"))
    main.refresh_from_db()
    director = operations.submit_filing(actor=applicant, center=main, kind="director", person_name="刘建华",
                                        person_title="正高级工程师", appointed_on=date(y - 2, 5, 1))
    operations.transition_filing(actor=bureau, filing=director, name="acknowledge")
    operations.submit_filing(actor=applicant, center=main, kind="committee", person_name="陈立新",
                             person_title="教授", members=COMMITTEE,
                             appointed_on=date(y, 1, 10))
    cr = operations.create_change_request(actor=applicant, center=main, kind="other", matter="lead_unit",
                                          new_unit=orgs[9].pk, reasons="牵头单位调整为共建高校，以加强基础研究。")
    _walk(cr, (applicant, "submit", ""))
    operations.create_change_request(actor=applicant, center=main, kind="other", matter="category",
                                     new_value="comprehensive", reasons="拟设立专业化研发机构（草稿）。")
    outputs = [
        ("ip_asset", "一种碳化硅外延片缺陷检测方法", y - 1, "ZL2024 1 0000001.X", True, None),
        ("ip_asset", "功率器件封装散热结构", y - 1, "ZL2024 2 0000002.3", False, None),
        ("transfer", "碳化硅衬底切割技术许可", y - 1, "", None, "1800000"),
        ("incubated_sme", "朔州芯材科技有限公司", y - 1, "", None, None),
        ("key_technology", "6英寸碳化硅衬底低缺陷生长", y - 1, "", None, None),
        ("standard", "碳化硅外延片表面缺陷分类 团体标准", y, "T/SXSA 001", None, None),
    ]
    for kind, title, year, ref, labelled, income in outputs:
        services.record_output(actor=applicant, center=main, kind=kind, title=title, year=year, reference=ref,
                               carries_center_name=labelled, income=income)
    services.record_support(actor=bureau, center=main, kind="commissioned_project", title="半导体材料关键技术攻关",
                            year=y - 1, amount="3000000")
    services.record_support(actor=bureau, center=main, kind="innovation_consortium", title="朔州半导体创新联合体",
                            year=y)
    services.record_visit(actor=county, center=main, visited_on=date(y - 1, 11, 20),
                          findings="实验室危化品台账更新不及时。", follow_up="一个月内完善台账并报送整改情况。")
    ctx.extra["registry_center"] = main

    # 2. A comprehensive center of a college: internal unit past its target date, sub-institutes.
    college = orgs[9]
    host = _host(ctx, college)
    comp = _center(ctx, college, "朔州市能源互联网技术创新中心", "能源互联网", date(y - 3, 9, 1),
                   category="comprehensive")
    services.update_profile(actor=host, center=comp, changes={
        "legal_form": "internal_unit", "legal_form_target_date": date(y - 1, 12, 31), "fixed_staff": 21})
    services.add_sub_institute(actor=host, center=comp, name="智能电网研究所", focus="配网自动化",
                               opened_on=date(y - 3, 9, 1))
    sub = services.add_sub_institute(actor=host, center=comp, name="综合能源服务研究所", opened_on=date(y - 3, 9, 1))
    services.close_sub_institute(actor=host, sub_institute=sub, closed_on=date(y - 1, 6, 30),
                                 reason="并入智能电网研究所")

    # 3. A preparatory center (Art. 11) in 平鲁区 whose director filing is flagged (Art. 8(2)).
    storage = orgs[3]
    host = _host(ctx, storage)
    prep = _center(ctx, storage, "朔州市储能技术创新中心", "储能", date(y - 1, 10, 15), status="preparatory")
    operations.submit_filing(actor=host, center=prep, kind="director", person_name="高伟", person_title="工程师",
                             appointed_on=date(y - 1, 11, 1), note="拟于明年申报高级职称。")
    cr = operations.create_change_request(actor=host, center=prep, kind="other", matter="legal_form",
                                          new_value="social_service", reasons="登记为民办非企业单位。")
    _walk(cr, (host, "submit", ""), (county2, "county_return", "请附登记管理机关的核准文件。"))

    # 4. Rectifying and revoked centers (outside an evaluation; the evaluation demo adds its own).
    calcium = _center(ctx, orgs[5], "朔州市钙基新材料技术创新中心", "钙基新材料", date(y - 2, 6, 6))
    services.change_status(actor=bureau, center=calcium, transition="start_rectification",
                           comment="专项检查发现固定人员不足15人，限期整改。", article="16")
    farm = _center(ctx, orgs[6], "朔州市有机旱作农业和现代农业技术创新中心", "有机旱作农业和现代农业",
                   date(y - 3, 3, 3))
    services.record_support(actor=bureau, center=farm, kind="provincial_platform", title="省级农业创新平台申报",
                            year=y - 2)
    services.change_status(actor=bureau, center=farm, transition="revoke",
                           comment="依托单位申请撤销：业务调整，不再承担中心建设。", article="5(4)")

    # 5. A municipal engineering technology research center that may convert (Art. 10).
    if not EngineeringCenter.objects.filter(host_unit=orgs[1]).exists():
        services.register_engineering_center(
            actor=bureau, name="朔州市固废资源化利用工程技术研究中心", host_unit=orgs[1], field="固废利用",
            recognized_year=2018, director="郭志刚", director_title="高级工程师", fixed_staff=22,
            floor_area_m2="650", equipment_value="3200000")
