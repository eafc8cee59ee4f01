"""What a change request proposes, whether it may still be applied, and applying it (Art. 7(4), 15).

Checks run twice on purpose: when the host unit submits (so it learns at once) and again when the bureau
approves (the registry may have changed meanwhile, e.g. another center took the name).
"""

from __future__ import annotations

from django.utils import timezone

from ticms.policy import current_policy
from ticms.policy.naming import check_official_name
from ticms.workflow.core import Reason

from .models import Category, Center, CenterChange, ChangeRequest, LegalForm

Kind, Matter = ChangeRequest.Kind, ChangeRequest.Matter


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or "—"


def current_value(center: Center, cr: ChangeRequest) -> str:
    """The center's present value of what `cr` changes, as people read it."""
    if cr.kind == Kind.RENAME:
        return center.official_name
    if cr.kind == Kind.HOST_UNIT:
        return center.host_unit.name
    if cr.matter == Matter.CATEGORY:
        return _label(Category, center.category)
    if cr.matter == Matter.FIELD:
        return center.field
    if cr.matter == Matter.LEGAL_FORM:
        return _label(LegalForm, center.legal_form)
    if cr.matter == Matter.LEAD_UNIT:
        return center.lead_unit.name
    return ""


def proposed_value(cr: ChangeRequest) -> str:
    if cr.kind == Kind.RENAME:
        return cr.new_name
    if cr.kind == Kind.HOST_UNIT or cr.matter == Matter.LEAD_UNIT:
        return cr.new_unit.name if cr.new_unit_id else ""
    if cr.matter == Matter.CATEGORY:
        return _label(Category, cr.new_value)
    if cr.matter == Matter.LEGAL_FORM:
        text = _label(LegalForm, cr.new_value)
        if cr.new_value == LegalForm.INTERNAL_UNIT and cr.new_target_date:
            text += f"（计划{cr.new_target_date:%Y年%-m月%-d日}前成为独立法人）"
        return text
    return cr.new_value


def describe(cr: ChangeRequest) -> str:
    """“名称：old → new”; once approved, old is what the history kept (the center now holds the new value)."""
    what = cr.get_matter_display() if cr.kind == Kind.OTHER and cr.matter else cr.get_kind_display()
    if cr.kind != Kind.OTHER:
        what = what.removeprefix("变更")
    applied = next(iter(cr.applied_changes.all()), None) if cr.state == "approved" else None
    if applied is not None:
        return f"{what}：{applied.old_value} → {applied.new_value}"
    return f"{what}：{current_value(cr.center, cr)} → {proposed_value(cr) or '（未填写）'}"


def problems(cr: ChangeRequest) -> list[Reason]:
    """Why the proposal cannot be applied to the center as it is now (empty when it can)."""
    center = cr.center
    out: list[Reason] = []
    if center.is_revoked:
        out.append(Reason("center_revoked", "该中心已撤销，不能再变更。", "4"))
    if not (cr.reasons or "").strip():
        out.append(Reason("reasons_missing", "请写明变更理由（书面申请）。", "15"))
    if cr.kind == Kind.RENAME:
        out += check_official_name(cr.new_name)
        name = (cr.new_name or "").strip()
        if name and name == center.official_name:
            out.append(Reason("name_unchanged", "新名称与现名称相同。", "15"))
        elif name and Center.objects.filter(official_name=name).exclude(pk=center.pk).exists():
            out.append(Reason("name_taken", f"已有名为“{name}”的技术创新中心。", "9(4)"))
    elif cr.kind in (Kind.HOST_UNIT,) or cr.matter == Matter.LEAD_UNIT:
        current = center.host_unit_id if cr.kind == Kind.HOST_UNIT else center.lead_unit_id
        if not cr.new_unit_id:
            out.append(Reason("unit_missing", "请选择新的单位。", "15"))
        elif cr.new_unit_id == current:
            out.append(Reason("unit_unchanged", "新单位与现单位相同。", "15"))
    elif cr.kind == Kind.OTHER:
        out += _matter_problems(center, cr)
    return out


def _matter_problems(center: Center, cr: ChangeRequest) -> list[Reason]:
    if cr.matter == Matter.CATEGORY:
        if cr.new_value not in Category.values:
            return [Reason("category_invalid", "请选择“综合类”或“领域类”。", "3")]
        if cr.new_value == center.category:
            return [Reason("value_unchanged", "新类别与现类别相同。", "15")]
    elif cr.matter == Matter.FIELD:
        if current_policy().field(cr.new_value) is None:
            names = "、".join(current_policy().field_names)
            return [Reason("field_invalid", f"领域须为第三条第（二）项所列重点产业集群之一：{names}。", "3(2)")]
        if current_policy().field(cr.new_value).name == center.field:
            return [Reason("value_unchanged", "新领域与现领域相同。", "15")]
    elif cr.matter == Matter.LEGAL_FORM:
        if cr.new_value not in LegalForm.values:
            return [Reason("legal_form_invalid", "请选择法人形态：企业、社会服务机构或内设机构。", "12")]
        if cr.new_value == LegalForm.INTERNAL_UNIT and not cr.new_target_date:
            return [Reason("target_date_missing", "内设机构须写明计划成为独立法人的日期。", "12")]
        if cr.new_value == center.legal_form and cr.new_target_date == center.legal_form_target_date:
            return [Reason("value_unchanged", "新法人形态与现法人形态相同。", "15")]
    elif cr.matter == Matter.LEAD_UNIT:
        return []
    else:
        return [Reason("matter_missing", "请选择要变更的事项：类别、领域、法人形态或牵头单位。", "15")]
    return []


def apply_change(cr: ChangeRequest, *, user, on=None) -> CenterChange:
    """Apply an approved request to the center and keep the old value in the history (one row)."""
    center = Center.objects.select_for_update().get(pk=cr.center_id)
    cr.center = center
    old = current_value(center, cr)
    new = proposed_value(cr)
    update: list[str] = []
    if cr.kind == Kind.RENAME:
        center.official_name, kind = cr.new_name.strip(), CenterChange.Kind.RENAME
        update = ["official_name"]
    elif cr.kind == Kind.HOST_UNIT:
        center.host_unit, kind = cr.new_unit, CenterChange.Kind.HOST_UNIT
        update = ["host_unit"]
    elif cr.matter == Matter.LEAD_UNIT:
        center.lead_unit, kind = cr.new_unit, CenterChange.Kind.LEAD_UNIT
        update = ["lead_unit"]
    elif cr.matter == Matter.CATEGORY:
        center.category, kind = cr.new_value, CenterChange.Kind.CATEGORY
        update = ["category"]
    elif cr.matter == Matter.FIELD:
        center.field, kind = current_policy().field(cr.new_value).name, CenterChange.Kind.FIELD
        update = ["field"]
    else:
        center.legal_form, kind = cr.new_value, CenterChange.Kind.LEGAL_FORM
        center.legal_form_target_date = cr.new_target_date if cr.new_value == LegalForm.INTERNAL_UNIT else None
        update = ["legal_form", "legal_form_target_date"]
    center.save(update_fields=update)
    return CenterChange.objects.create(
        center=center, kind=kind, old_value=old[:300], new_value=new[:300],
        effective_on=on or timezone.localdate(), change_request=cr, by=user,
    )
