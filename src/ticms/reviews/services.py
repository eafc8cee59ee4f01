"""Business actions of expert review: the pool, forming panels, declarations, replacements, opinions."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ticms.accounts.roles import Role, require_role
from ticms.audit import services as audit
from ticms.crypto.masking import for_audit
from ticms.errors import ServiceError
from ticms.notifications.services import notify_on_commit

from . import draw as drawing
from .models import Assignment, Declaration, Expert, Opinion, Panel, PanelDraw
from .purposes import indicators_for, recommendations_for, spec_for
from .subjects import check_drawable, describe, subject_filter
from .workflow import ASSIGNMENT_FLOW

MAX_PANEL_SIZE = 30
MAX_COMMENT = 10000
EXPERT_FIELDS = ("name", "title", "organisation", "organisation_text", "fields", "phone", "email", "user", "active")


def _expert_snapshot(expert: Expert) -> dict:
    data = {name: getattr(expert, name) for name in EXPERT_FIELDS}
    data["organisation"] = expert.organisation_id
    data["user"] = expert.user_id
    data["declared_ties"] = sorted(expert.declared_ties.values_list("pk", flat=True)) if expert.pk else []
    # Phone and e-mail go into the (never erased) audit log as keyed references, not values.
    return for_audit(Expert, data)


def _clean_fields(fields) -> list[str]:
    if not isinstance(fields, list | tuple) or not all(isinstance(f, str) for f in fields):
        raise ServiceError("invalid_fields", "擅长领域须为领域名称的列表。", field="fields")
    return sorted({f.strip() for f in fields if f.strip()})


@transaction.atomic
def create_expert(*, actor, name: str, fields: list[str], title: str = "", organisation=None,
                  organisation_text: str = "", phone: str = "", email: str = "", user=None, active: bool = True,
                  declared_ties=(), ip: str | None = None) -> Expert:
    require_role(actor, Role.BUREAU_OFFICER, article="5")
    if not (name or "").strip():
        raise ServiceError("name_required", "请填写专家姓名。", field="name")
    expert = Expert.objects.create(
        name=name.strip(), title=title, organisation=organisation, organisation_text=organisation_text,
        fields=_clean_fields(fields), phone=phone, email=email, user=user, active=active,
    )
    expert.declared_ties.set(declared_ties)
    audit.record("expert.create", actor=actor, role=Role.BUREAU_OFFICER, obj=expert,
                 data={"after": _expert_snapshot(expert)}, ip=ip)
    return expert


@transaction.atomic
def update_expert(*, actor, expert: Expert, ip: str | None = None, declared_ties=None, **changes) -> Expert:
    require_role(actor, Role.BUREAU_OFFICER, article="5")
    unknown = set(changes) - set(EXPERT_FIELDS)
    if unknown:
        raise ServiceError("unknown_fields", f"不能修改：{', '.join(sorted(unknown))}。")
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    before = _expert_snapshot(expert)
    if "fields" in changes:
        changes["fields"] = _clean_fields(changes["fields"])
    if "name" in changes and not (changes["name"] or "").strip():
        raise ServiceError("name_required", "请填写专家姓名。", field="name")
    for name, value in changes.items():
        setattr(expert, name, value)
    expert.save()
    if declared_ties is not None:
        expert.declared_ties.set(declared_ties)
    after = _expert_snapshot(expert)
    changed = {k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]}
    if changed:
        audit.record("expert.update", actor=actor, role=Role.BUREAU_OFFICER, obj=expert,
                     data={"changes": changed}, ip=ip)
    return expert


def _check_when(value, name: str, label: str):
    if value is not None and not isinstance(value, datetime.datetime):
        raise ServiceError("invalid_datetime", f"{label}格式不正确。", field=name)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def drawable_pool():
    """Experts who can be drawn: active in the pool and with an active account, since the drawn expert declares
    conflicts and scores in the system (an expert without one would leave the panel stuck)."""
    return (Expert.objects.filter(active=True, user__isnull=False, user__is_active=True)
            .prefetch_related("declared_ties"))


def _check_exclusions(excluded_experts) -> dict[int, str]:
    """Experts left out by hand: id → reason; every one needs a reason (it is audited and shown on the panel)."""
    if not excluded_experts:
        return {}
    if not isinstance(excluded_experts, dict):
        raise ServiceError("invalid_excluded_experts", "手动回避的专家须逐一写明理由。", field="excluded_experts")
    clean = {}
    for pk, reason in excluded_experts.items():
        try:
            pk = int(pk)
        except (TypeError, ValueError) as exc:
            raise ServiceError("invalid_excluded_experts", "手动回避的专家须为专家编号。",
                               field="excluded_experts") from exc
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            raise ServiceError("exclusion_reason_required",
                               "手动排除专家须写明理由（将记入审计日志并在专家组页面公开）。", field="exclusion_reason")
        clean[pk] = reason
    return clean


def _close_previous(previous: Panel, *, actor, reason: str, now, ip) -> list[int]:
    """Close the subject's active panel for a redraw; its open assignments (no opinion yet) are withdrawn, so their
    experts no longer see the subject. Submitted opinions stay on the file."""
    open_ids = list(previous.assignments.filter(active=True, opinion__isnull=True).values_list("pk", flat=True))
    Assignment.objects.filter(pk__in=open_ids).update(active=False)
    previous.closed_at, previous.closed_by, previous.awaiting_opinions = now, actor, 0
    previous.save(update_fields=["closed_at", "closed_by", "awaiting_opinions"])
    audit.record("panel.close", actor=actor, role=Role.BUREAU_OFFICER, obj=previous, ip=ip, data={
        "reason": reason, "withdrawn_assignments": open_ids, "article": "9(3)"})
    return open_ids


@transaction.atomic
def form_panel(*, actor, subject, size: int, field: str, excluded_org_ids, purpose: str,
               site_visit_at=None, site_visit_place: str = "", defence_at=None, defence_place: str = "",
               excluded_experts: dict | None = None, redraw_reason: str = "", ip: str | None = None) -> Panel:
    """Draw `size` experts at random from the active pool matched to `field`, leaving out those from (or tied
    to) the excluded units and those excluded by hand (each with a reason). Refused, naming the shortfall, when
    fewer are eligible (Art. 9(3)); refused unless the subject is at the step that expects a panel. A subject has
    one active panel per purpose: drawing again needs `redraw_reason` and closes the previous panel.

    The seed comes from `secrets`; the candidates, their SM3 digest and the seed are audited (`panel.draw`)
    before the draw is made from them (`panel.form`)."""
    require_role(actor, Role.BUREAU_OFFICER, article="5")
    spec_for(purpose)
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_PANEL_SIZE:
        raise ServiceError("invalid_size", f"专家人数须为 1 至 {MAX_PANEL_SIZE} 之间的整数。", field="size")
    field = (field or "").strip()
    if not field:
        raise ServiceError("field_required", "请选择评审领域。", field="field")
    site_visit_at = _check_when(site_visit_at, "site_visit_at", "实地考察时间")
    defence_at = _check_when(defence_at, "defence_at", "现场答辩时间")
    try:
        excluded = sorted({int(pk) for pk in excluded_org_ids or ()})
    except (TypeError, ValueError) as exc:
        raise ServiceError("invalid_excluded", "回避单位须为单位编号列表。", field="excluded_org_ids") from exc
    by_hand = _check_exclusions(excluded_experts)
    # The subject's row lock serialises two draws for it (one active panel per subject and purpose).
    subject = type(subject)._base_manager.select_for_update().get(pk=subject.pk)
    article = check_drawable(subject)
    previous = Panel.objects.select_for_update().filter(**subject_filter(subject), purpose=purpose,
                                                         closed_at__isnull=True).first()
    redraw_reason = (redraw_reason or "").strip() if isinstance(redraw_reason, str) else ""
    if previous is not None and not redraw_reason:
        raise ServiceError(
            "panel_exists",
            f"该对象已有专家组（第 {previous.draw_number} 次抽取）。重新抽取须写明理由，原专家组将停用，"
            "未提交意见的专家不再参与评审。", status=409, field="redraw_reason", article=article)
    candidates = [pk for pk in drawing.eligible_ids(drawable_pool(), field, excluded) if pk not in by_hand]
    if len(candidates) < size:
        no_account = Expert.objects.filter(active=True).exclude(pk__in=drawable_pool().values("pk"))
        without = sum(field in (e.fields or []) for e in no_account.only("fields"))
        hint = f"另有 {without} 名该领域专家没有可用的系统账号，不参与抽取。" if without else ""
        raise ServiceError(
            "shortfall",
            f"“{field}”领域符合回避要求的在库专家只有 {len(candidates)} 名，少于所需的 {size} 名，"
            f"还差 {size - len(candidates)} 名。{hint}请扩充专家库、为专家开通账号或减少专家人数。",
            field="size",
        )
    names = dict(Expert.objects.filter(pk__in=by_hand).values_list("pk", "name"))
    if set(names) != set(by_hand):
        raise ServiceError("expert_not_found", "手动回避的专家不在专家库中。", field="excluded_experts")
    now = timezone.now()
    withdrawn = _close_previous(previous, actor=actor, reason=redraw_reason, now=now, ip=ip) if previous else []
    seed = drawing.new_seed()
    digest = drawing.candidates_digest(candidates)
    exclusions = [{"expert_id": pk, "name": names[pk], "reason": reason} for pk, reason in sorted(by_hand.items())]
    panel = Panel.objects.create(
        subject=subject, purpose=purpose, size=size, field=field, subject_title=describe(subject).title[:300],
        site_visit_at=site_visit_at, site_visit_place=site_visit_place, defence_at=defence_at,
        defence_place=defence_place, seed=seed, candidate_ids=candidates, candidates_sm3=digest,
        excluded_org_ids=excluded, excluded_experts=exclusions, drawn_at=now, drawn_by=actor,
        draw_number=Panel.objects.filter(**subject_filter(subject), purpose=purpose).count() + 1,
        awaiting_opinions=size,  # every drawn expert, none has written yet
        redraw_reason=redraw_reason if previous else "",
    )
    subject_ref = f"{panel.content_type.app_label}.{panel.content_type.model}:{panel.object_id}"
    # Committed before the result exists: what the draw will be made from, so it can be recomputed.
    audit.record("panel.draw", actor=actor, role=Role.BUREAU_OFFICER, obj=panel, ip=ip, data={
        "subject": subject_ref, "purpose": purpose, "field": field, "size": size, "seed": seed,
        "candidate_ids": candidates, "candidates_sm3": digest, "excluded_org_ids": excluded,
        "excluded_experts": exclusions, "draw_number": panel.draw_number, "redraw_reason": panel.redraw_reason,
        "previous_panel": previous.pk if previous else None, "withdrawn_assignments": withdrawn,
        "article": article,
    })
    drawn = drawing.draw(seed, candidates, size)
    PanelDraw.objects.create(panel=panel, kind=PanelDraw.Kind.INITIAL, seed=seed, candidate_ids=candidates,
                             drawn_ids=drawn, at=now, by=actor)
    Assignment.objects.bulk_create([Assignment(panel=panel, expert_id=pk) for pk in drawn])
    event = audit.record("panel.form", actor=actor, role=Role.BUREAU_OFFICER, obj=panel, ip=ip, data={
        "subject": subject_ref, "purpose": purpose, "field": field, "size": size, "seed": seed,
        "candidate_ids": candidates, "drawn_ids": drawn, "excluded_org_ids": excluded, "article": article,
    })
    notify_on_commit(event)  # the drawn experts are told, with the date their opinion is due
    return panel


def declare(*, actor, assignment: Assignment, no_conflict: bool, reason: str = "", ip: str | None = None,
            expected_state: str | None = None) -> Assignment:
    """The expert declares no conflict of interest, or recuses (a reason is required)."""
    name = "declare_no_conflict" if no_conflict else "recuse"
    return ASSIGNMENT_FLOW.apply(actor, assignment, name, comment=reason, ip=ip, expected_state=expected_state)


def remaining_candidates(panel: Panel) -> list[int]:
    """Stored candidates not yet on the panel and still drawable (active, no new tie to an excluded unit)."""
    on_panel = set(panel.assignments.values_list("expert_id", flat=True))
    pool = drawable_pool().filter(pk__in=panel.candidate_ids)
    still = set(drawing.eligible_ids(pool, panel.field, panel.excluded_org_ids))
    return [pk for pk in panel.candidate_ids if pk in still and pk not in on_panel]


@transaction.atomic
def replace_expert(*, actor, assignment: Assignment, ip: str | None = None) -> Assignment:
    """Draw one replacement for a recused expert from the remaining candidates, with a derived seed."""
    require_role(actor, Role.BUREAU_OFFICER, article="5")
    assignment = Assignment.objects.select_for_update().select_related("expert").get(pk=assignment.pk)
    if assignment.declaration != Declaration.RECUSED:
        raise ServiceError("not_recused", "只有已回避的专家需要替补。", status=409)
    if not assignment.active or assignment.replaced_by_id:
        raise ServiceError("already_replaced", "该专家已被替补，请刷新页面。", status=409)
    panel = Panel.objects.select_for_update().get(pk=assignment.panel_id)
    if not panel.active:
        raise ServiceError("panel_closed", "该专家组已停用（已重新抽取），不再替补专家。", status=409)
    k = panel.draws.filter(kind=PanelDraw.Kind.REPLACEMENT).count() + 1
    seed = drawing.replacement_seed(panel.seed, k)
    remaining = remaining_candidates(panel)
    if not remaining:
        raise ServiceError("shortfall",
                           "候选专家已全部入组或不再符合条件，没有可替补的专家。请扩充专家库后重新组建专家组。")
    new_id = drawing.draw(seed, remaining, 1)[0]
    now = timezone.now()
    PanelDraw.objects.create(panel=panel, kind=PanelDraw.Kind.REPLACEMENT, seed=seed, candidate_ids=remaining,
                             drawn_ids=[new_id], at=now, by=actor)
    # The recused expert wrote no opinion and the new one has not yet: the panel awaits as many opinions as before.
    new = Assignment.objects.create(panel=panel, expert_id=new_id)
    assignment.active = False
    assignment.replaced_by = new
    assignment.save(update_fields=["active", "replaced_by"])
    audit.record("assignment.replace", actor=actor, role=Role.BUREAU_OFFICER, obj=assignment, ip=ip, data={
        "panel": panel.pk, "recused_expert": assignment.expert_id, "new_expert": new_id, "seed": seed,
        "replacement": k, "candidate_ids": remaining, "article": "9(3)",
    })
    return new


def validate_scores(panel: Panel, scores) -> tuple[dict[str, Decimal], Decimal]:
    """Every indicator of the panel's purpose scored once, each 0..max with at most two decimals."""
    indicators = indicators_for(panel)
    if not isinstance(scores, dict):
        raise ServiceError("invalid_scores", "评分须按指标逐项填写。", field="scores")
    errors: dict[str, str] = {}
    clean: dict[str, Decimal] = {}
    known = {i.code for i in indicators}
    for code in scores:
        if code not in known:
            errors[str(code)] = f"没有编号为“{code}”的评审指标。"
    for ind in indicators:
        raw = scores.get(ind.code)
        if raw is None or (isinstance(raw, str) and not raw.strip()) or isinstance(raw, bool):
            errors[ind.code] = f"请为“{ind.name}”打分（0 至 {ind.max} 分）。"
            continue
        try:
            value = Decimal(str(raw).strip())
        except (InvalidOperation, ValueError):
            errors[ind.code] = f"“{ind.name}”的得分须为数字。"
            continue
        if not value.is_finite() or value < 0 or value > ind.max:
            errors[ind.code] = f"“{ind.name}”的得分须在 0 至 {ind.max} 分之间。"
        elif value != value.quantize(Decimal("0.01")):
            errors[ind.code] = f"“{ind.name}”的得分最多保留两位小数。"
        else:
            clean[ind.code] = value.quantize(Decimal("0.01"))
    if errors:
        raise ServiceError("invalid_scores", errors, field="scores")
    return clean, sum(clean.values(), Decimal("0"))


@transaction.atomic
def submit_opinion(*, actor, assignment: Assignment, scores: dict, comment: str, recommendation: str,
                   ip: str | None = None) -> Opinion:
    """Submit an expert's opinion. Once submitted it is locked: any further change is refused."""
    assignment = Assignment.objects.select_for_update().select_related("expert", "panel").get(pk=assignment.pk)
    if assignment.expert.user_id != getattr(actor, "pk", None) or not actor.has_role(Role.EXPERT):
        raise PermissionDenied("只有被抽中的专家本人可以提交意见。")
    existing = Opinion.objects.filter(assignment=assignment).first()
    if existing is not None:
        when = timezone.localtime(existing.submitted_at).strftime("%Y-%m-%d %H:%M")
        raise ServiceError("opinion_locked", f"您的意见已于 {when} 提交，提交后不能修改。", status=409,
                           article="9(3)")
    if not assignment.active:
        raise ServiceError("inactive", "该任务已由其他专家替补，不能提交意见。", status=409)
    if assignment.declaration != Declaration.NO_CONFLICT:
        raise ServiceError("not_declared", "请先声明无利益冲突，再提交评审意见。", status=409)
    panel = assignment.panel
    clean, total = validate_scores(panel, scores)
    choices = dict(recommendations_for(panel.purpose))
    if recommendation not in choices:
        raise ServiceError("invalid_recommendation", f"结论建议须为：{'、'.join(choices.values())}。",
                           field="recommendation")
    comment = (comment or "").strip() if isinstance(comment, str) else ""
    if not comment:
        raise ServiceError("comment_required", "请填写评审意见。", field="comment")
    if len(comment) > MAX_COMMENT:
        raise ServiceError("comment_too_long", f"评审意见不能超过 {MAX_COMMENT} 字。", field="comment")
    opinion = Opinion.objects.create(
        assignment=assignment, scores={k: str(v) for k, v in clean.items()}, total=total, comment=comment,
        recommendation=recommendation, submitted_at=timezone.now(),
    )
    Panel.objects.filter(pk=panel.pk).update(awaiting_opinions=F("awaiting_opinions") - 1)
    audit.record("opinion.submit", actor=actor, role=Role.EXPERT, obj=opinion, ip=ip, data={
        "panel": panel.pk, "assignment": assignment.pk, "scores": opinion.scores, "total": str(total),
        "recommendation": recommendation, "article": spec_for(panel.purpose).article,
    })
    return opinion
