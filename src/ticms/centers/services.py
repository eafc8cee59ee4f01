"""Center actions. Recognition creates centers here; status changes go through CENTER_FLOW.

Other apps call: create_center, change_status, record_support. The registry's own pages and API call the
rest (profile, sub-institutes, outputs, visits here; filings and change requests in operations.py).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ticms.accounts.models import Organisation
from ticms.accounts.roles import Role, require_role
from ticms.audit.services import record
from ticms.errors import ServiceError
from ticms.workflow.rights import enforce

from . import validation as v
from .models import (
    Category,
    Center,
    CenterStatus,
    CenterStatusChange,
    EngineeringCenter,
    LegalForm,
    Output,
    SubInstitute,
    SupervisionVisit,
    Support,
)
from .rights import host_unit_right, not_revoked
from .workflow import CENTER_FLOW


@transaction.atomic
def create_center(
    *,
    actor,
    role: str,
    official_name: str,
    category: str,
    field: str,
    host_unit,
    lead_unit,
    partner_units=(),
    status: str = CenterStatus.ACTIVE,
    recognized_on: date,
    reason: str = "",
    article: str = "9(4)",
    ip: str | None = None,
) -> Center:
    """Create a center on recognition (Art. 9(4)) or preparatory listing (Art. 11)."""
    if status not in (CenterStatus.ACTIVE, CenterStatus.PREPARATORY):
        raise ServiceError("invalid_status", "新认定的中心只能是“运行”或“筹建”状态。")
    if Center.objects.filter(official_name=official_name).exists():
        raise ServiceError(
            "duplicate_name", f"已有名为“{official_name}”的技术创新中心，请核对领域或名称。", status=409
        )
    center = Center(
        official_name=official_name,
        category=category,
        field=field,
        host_unit=host_unit,
        lead_unit=lead_unit,
        recognized_on=recognized_on,
    )
    # The status field is protected (only transitions may change it); a new record sets its first status here.
    center.__dict__["status"] = status
    center.save()
    center.partner_units.set(partner_units)
    CenterStatusChange.objects.create(
        center=center, from_status="", to_status=status, at=timezone.now(), by=actor, reason=reason, article=article
    )
    record(
        "center.create",
        actor=actor,
        role=role,
        obj=center,
        data={"official_name": official_name, "status": status, "recognized_on": recognized_on.isoformat(),
              "article": article},
        ip=ip,
    )
    return center


@transaction.atomic
def register_existing(*, actor, official_name: str, category: str, field: str, host_unit, status: str,
                      recognized_on: date, recognition_number: str, ip: str | None = None) -> Center:
    """The bureau enters a center it recognized before the system existed (its 认定文号 and date as issued)."""
    require_role(actor, Role.BUREAU_OFFICER, doing="登记系统启用前认定的创新中心", article="9(4)")
    p = v.Problems()
    official_name = v.text(official_name, "official_name", "正式名称", p, max_length=200, required=True)
    category = v.choice(category, "category", "类别", Category, p)
    number = v.text(recognition_number, "recognition_number", "认定文号", p, max_length=100, required=True)
    if recognized_on and recognized_on > timezone.localdate():
        p.add("recognized_on", "认定日期不能晚于今天。")
    if status not in (CenterStatus.ACTIVE, CenterStatus.PREPARATORY):
        p.add("status", "系统启用前认定的中心只能登记为“运行中”或“筹建”。")
    p.raise_if_any()
    article = "11" if status == CenterStatus.PREPARATORY else "9(4)"
    center = create_center(actor=actor, role=Role.BUREAU_OFFICER, official_name=official_name, category=category,
                           field=field, host_unit=host_unit, lead_unit=host_unit, status=status,
                           recognized_on=recognized_on, reason=f"系统启用前认定，认定文号：{number}",
                           article=article, ip=ip)
    record("center.register_existing", actor=actor, role=Role.BUREAU_OFFICER, obj=center,
           data={"recognition_number": number, "recognized_on": recognized_on.isoformat(), "status": status,
                 "host_unit": host_unit.pk, "article": article}, ip=ip)
    return center


def change_status(*, actor, center: Center, transition: str, comment: str = "", article: str = "",
                  ip: str | None = None, expected_state: str | None = None) -> Center:
    """Move a center's status through CENTER_FLOW; the history row and audit event come with it."""
    step = CENTER_FLOW.steps.get(transition)
    return CENTER_FLOW.apply(
        actor, center, transition, comment=comment, ip=ip, expected_state=expected_state,
        data={"article": article or (step.article if step else "")},
    )


# --- who may write ------------------------------------------------------------------------------------
def require_host_unit(actor, center: Center) -> None:
    """Only the host unit's applicants edit a center (Art. 7); the lead unit's members may only look."""
    enforce(host_unit_right(actor, center))


def require_not_revoked(center: Center) -> None:
    enforce(not_revoked(center))


def _show(value):
    if isinstance(value, date):
        return value.isoformat()
    return None if value is None else str(value)


# --- profile (Art. 7(1), 12, 13, 14) ---------------------------------------------------------------------
PROFILE_FIELDS = ("legal_form", "legal_form_target_date", "charter", "board", "fixed_staff", "visiting_staff",
                  "floor_area_m2", "equipment_value", "partner_units")


def _clean_profile(center: Center, changes: dict) -> dict:
    p = v.Problems()
    unknown = sorted(set(changes) - set(PROFILE_FIELDS))
    for key in unknown:
        p.add(key, f"“{key}”不是可修改的中心信息（法人形态、章程、理事会、人员、面积、设备、共建单位）。")
    out: dict = {}
    if "legal_form" in changes:
        value = v.choice(changes["legal_form"], "legal_form", "法人形态", LegalForm, p, required=False)
        if value != center.legal_form and center.legal_form:
            p.add("legal_form", "法人形态已登记；变更法人形态属重大事项，请提交变更申请（第十五条）。")
        out["legal_form"] = value
    if "legal_form_target_date" in changes:
        out["legal_form_target_date"] = v.date(changes["legal_form_target_date"], "legal_form_target_date",
                                               "计划成为独立法人日期", p, required=False)
    form = out.get("legal_form", center.legal_form)
    target = out.get("legal_form_target_date", center.legal_form_target_date)
    if form == LegalForm.INTERNAL_UNIT and not target:
        p.add("legal_form_target_date", "内设机构须写明计划成为独立法人的日期（第十二条）。")
    if form != LegalForm.INTERNAL_UNIT and "legal_form_target_date" in out and target:
        p.add("legal_form_target_date", "只有内设机构需要填写计划成为独立法人的日期。")
    for key, label in (("charter", "章程"), ("board", "理事会（董事会）组成")):
        if key in changes:
            out[key] = v.text(changes[key], key, label, p, max_length=20_000)
    for key, label in (("fixed_staff", "固定人员"), ("visiting_staff", "流动人员")):
        if key in changes:
            out[key] = v.count(changes[key], key, label, p)
    if "floor_area_m2" in changes:
        out["floor_area_m2"] = v.amount(changes["floor_area_m2"], "floor_area_m2", "使用面积", p,
                                        maximum=v.MAX_AREA_M2, unit="平方米")
    if "equipment_value" in changes:
        out["equipment_value"] = v.amount(changes["equipment_value"], "equipment_value", "科研仪器设备原值", p)
    if "partner_units" in changes:
        out["partner_units"] = _partner_ids(changes["partner_units"], center, p)
    p.raise_if_any()
    return out


def _partner_ids(value, center: Center, p: v.Problems) -> list[int]:
    try:
        ids = sorted({int(getattr(x, "pk", x)) for x in (value or [])})
    except (TypeError, ValueError):
        p.add("partner_units", "共建单位须为单位编号列表。")
        return []
    found = set(Organisation.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if missing := [i for i in ids if i not in found]:
        p.add("partner_units", f"找不到编号为 {missing} 的单位。")
    if center.host_unit_id in ids:
        p.add("partner_units", "依托单位本身不必列为共建单位。")
    return ids


@transaction.atomic
def update_profile(*, actor, center: Center, changes: dict, ip: str | None = None) -> Center:
    """The host unit keeps the profile current; the audit event holds before/after of each changed field."""
    require_host_unit(actor, center)
    center = Center.objects.select_for_update().get(pk=center.pk)
    require_not_revoked(center)
    clean = _clean_profile(center, changes)
    diff: dict = {}
    partners = clean.pop("partner_units", None)
    for key, value in clean.items():
        before = getattr(center, key)
        if before != value:
            diff[key] = {"before": _show(before), "after": _show(value)}
            setattr(center, key, value)
    if partners is not None:
        before_ids = sorted(center.partner_units.values_list("pk", flat=True))
        if before_ids != partners:
            names = dict(Organisation.objects.filter(pk__in={*before_ids, *partners}).values_list("pk", "name"))
            diff["partner_units"] = {"before": [names[i] for i in before_ids], "after": [names[i] for i in partners]}
            center.partner_units.set(partners)
    if not diff:
        return center
    center.profile_updated_at = timezone.now()
    center.save()
    record("center.update_profile", actor=actor, role=Role.APPLICANT, obj=center,
           data={"changes": diff, "article": "7(1)"}, ip=ip)
    return center


# --- sub-institutes of a comprehensive center (Art. 3(1)) -------------------------------------------------
@transaction.atomic
def add_sub_institute(*, actor, center: Center, name: str, focus: str = "", opened_on, ip: str | None = None
                      ) -> SubInstitute:
    require_host_unit(actor, center)
    require_not_revoked(center)
    if center.category != Category.COMPREHENSIVE:
        raise ServiceError("not_comprehensive", "只有综合类中心设专业化创新研发机构。",
                           field="name", article="3(1)")
    p = v.Problems()
    name = v.text(name, "name", "名称", p, max_length=200, required=True)
    focus = v.text(focus, "focus", "研究方向", p, max_length=300)
    opened = v.date(opened_on, "opened_on", "设立日期", p)
    p.raise_if_any()
    sub = SubInstitute.objects.create(center=center, name=name, focus=focus, opened_on=opened)
    record("center.add_sub_institute", actor=actor, role=Role.APPLICANT, obj=center,
           data={"sub_institute": sub.pk, "name": name, "opened_on": opened.isoformat(), "article": "3(1)"}, ip=ip)
    return sub


@transaction.atomic
def close_sub_institute(*, actor, sub_institute: SubInstitute, closed_on, reason: str = "", ip: str | None = None
                        ) -> SubInstitute:
    center = sub_institute.center
    require_host_unit(actor, center)
    require_not_revoked(center)
    p = v.Problems()
    closed = v.date(closed_on, "closed_on", "撤并日期", p)
    reason = v.text(reason, "closing_reason", "撤并原因", p, max_length=300, required=True)
    if sub_institute.closed_on:
        p.add("closed_on", "该机构已撤并。")
    elif closed and closed < sub_institute.opened_on:
        p.add("closed_on", "撤并日期不能早于设立日期。")
    p.raise_if_any()
    sub_institute.closed_on, sub_institute.closing_reason = closed, reason
    sub_institute.save(update_fields=["closed_on", "closing_reason"])
    record("center.close_sub_institute", actor=actor, role=Role.APPLICANT, obj=center,
           data={"sub_institute": sub_institute.pk, "name": sub_institute.name, "closed_on": closed.isoformat(),
                 "reason": reason, "article": "3(1)"}, ip=ip)
    return sub_institute


# --- outputs (Art. 2, 14) ---------------------------------------------------------------------------------
@transaction.atomic
def record_output(*, actor, center: Center, kind: str, title: str, year, reference: str = "",
                  carries_center_name: bool | None = None, income=None, note: str = "", ip: str | None = None,
                  role: str = Role.APPLICANT) -> Output:
    """The host unit records its center's outputs; the bureau may record them too (a year's outputs imported)."""
    if role == Role.BUREAU_OFFICER:
        require_role(actor, Role.BUREAU_OFFICER, doing="登记中心成果", article="14")
    else:
        require_host_unit(actor, center)
    require_not_revoked(center)
    p = v.Problems()
    kind = v.choice(kind, "kind", "成果类型", Output.Kind, p)
    title = v.text(title, "title", "名称", p, max_length=300, required=True)
    year_ = v.year(year, "year", p)
    reference = v.text(reference, "reference", "编号", p, max_length=100)
    note = v.text(note, "note", "说明", p, max_length=500)
    income_ = v.amount(income, "income", "转化收入", p)
    if kind == Output.Kind.IP_ASSET and carries_center_name is None:
        p.add("carries_center_name", "请说明该知识产权是否标注了市创中心名称（第十四条）。")
    if kind != Output.Kind.IP_ASSET:
        carries_center_name = None
    if kind != Output.Kind.TRANSFER and income_ is not None:
        p.add("income", "只有技术转移转化成果填写转化收入。")
    p.raise_if_any()
    output = Output.objects.create(center=center, kind=kind, title=title, year=year_, reference=reference,
                                   carries_center_name=carries_center_name, income=income_, note=note,
                                   recorded_by=actor)
    record("center.record_output", actor=actor, role=role, obj=center,
           data={"output": output.pk, "kind": kind, "title": title, "year": year_,
                 "carries_center_name": carries_center_name, "income": _show(income_), "article": "14"}, ip=ip)
    return output


# --- support (Art. 16, 17) --------------------------------------------------------------------------------
@transaction.atomic
def record_support(*, actor, center: Center, kind: str, title: str, year=None, amount=None, note: str = "",
                   article: str = "", ip: str | None = None) -> Support:
    """The bureau records support given to a center; the evaluation records provincial recommendations here."""
    require_role(actor, Role.BUREAU_OFFICER, doing="登记支持措施", article="17")
    p = v.Problems()
    kind = v.choice(kind, "kind", "支持类型", Support.Kind, p)
    title = v.text(title, "title", "名称", p, max_length=300, required=True)
    year_ = v.year(timezone.localdate().year if year is None else year, "year", p)
    amount_ = v.amount(amount, "amount", "金额", p)
    note = v.text(note, "note", "说明", p, max_length=500)
    p.raise_if_any()
    default_article = "16, 17(2)" if kind == Support.Kind.PROVINCIAL_RECOMMENDATION else "17"
    support = Support.objects.create(center=center, kind=kind, title=title, year=year_, amount=amount_, note=note,
                                     article=article or default_article, recorded_by=actor)
    record("center.record_support", actor=actor, role=Role.BUREAU_OFFICER, obj=center,
           data={"support": support.pk, "kind": kind, "title": title, "year": year_, "amount": _show(amount_),
                 "article": support.article}, ip=ip)
    return support


# --- supervision (Art. 6(3)) ------------------------------------------------------------------------------
@transaction.atomic
def record_visit(*, actor, center: Center, visited_on, findings: str, follow_up: str = "",
                 ip: str | None = None) -> SupervisionVisit:
    if not (actor.has_role(Role.COUNTY_OFFICER)
            and center.host_unit.competent_unit_id in actor.competent_unit_ids()):
        raise PermissionDenied("只有该中心的归口管理单位可以登记检查（第六条第（三）项）。")
    p = v.Problems()
    visited = v.date(visited_on, "visited_on", "检查日期", p)
    if visited and visited > timezone.localdate():
        p.add("visited_on", "检查日期不能晚于今天。")
    findings = v.text(findings, "findings", "发现的问题", p, max_length=5000, required=True)
    follow_up = v.text(follow_up, "follow_up", "整改跟进要求", p, max_length=5000)
    p.raise_if_any()
    visit = SupervisionVisit.objects.create(center=center, visited_on=visited, findings=findings,
                                            follow_up=follow_up, recorded_by=actor)
    record("center.record_visit", actor=actor, role=Role.COUNTY_OFFICER, obj=center,
           data={"visit": visit.pk, "visited_on": visited.isoformat(), "findings": findings, "follow_up": follow_up,
                 "article": "6(3)"}, ip=ip)
    return visit


# --- engineering technology research centers (Art. 10) ----------------------------------------------------
@transaction.atomic
def register_engineering_center(*, actor, name: str, host_unit, field: str = "", recognized_year=None,
                                director: str = "", director_title: str = "", fixed_staff=None, floor_area_m2=None,
                                equipment_value=None, ip: str | None = None):
    """The bureau records a municipal engineering technology research center that may convert (Art. 10)."""

    require_role(actor, Role.BUREAU_OFFICER, doing="登记市工程技术研究中心", article="10")
    p = v.Problems()
    name = v.text(name, "name", "名称", p, max_length=200, required=True)
    year_ = v.year(recognized_year, "recognized_year", p, label="认定年度") if recognized_year else None
    staff = v.count(fixed_staff, "fixed_staff", "固定人员", p)
    area = v.amount(floor_area_m2, "floor_area_m2", "使用面积", p, maximum=v.MAX_AREA_M2, unit="平方米")
    equipment = v.amount(equipment_value, "equipment_value", "科研仪器设备原值", p)
    if name and EngineeringCenter.objects.filter(name=name).exists():
        p.add("name", f"已登记名为“{name}”的市工程技术研究中心。")
    p.raise_if_any()
    eng = EngineeringCenter.objects.create(
        name=name, host_unit=host_unit, field=field, recognized_year=year_, director=director,
        director_title=director_title, fixed_staff=staff, floor_area_m2=area, equipment_value=equipment)
    record("engineeringcenter.register", actor=actor, role=Role.BUREAU_OFFICER, obj=eng,
           data={"name": name, "host_unit": host_unit.pk, "field": field, "article": "10"}, ip=ip)
    return eng


def mark_converted(*, actor, engineering_center, center, ip: str | None = None):
    """Art. 10: the engineering technology research center has become `center`; it cannot convert twice."""

    eng = EngineeringCenter.objects.select_for_update().get(pk=engineering_center.pk)
    if eng.converted:
        raise ServiceError("already_converted", f"“{eng.name}”已转建。", status=409)
    eng.converted = True
    eng.save(update_fields=["converted"])
    record("engineeringcenter.converted", actor=actor, role=Role.BUREAU_OFFICER, obj=eng,
           data={"center": center.pk, "official_name": center.official_name, "article": "10"}, ip=ip)
    return eng
