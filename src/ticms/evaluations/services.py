"""Business actions of the evaluation (Art. 16, 5(4)). Views, the API, `ticms tick` and tests call these."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.audit import services as audit
from ticms.documents.uploads import stores_files
from ticms.errors import ServiceError
from ticms.money import MAX_WAN, to_wan, to_yuan
from ticms.policy.citation import cite
from ticms.storedfiles import store_upload
from ticms.workflow.core import role_label
from ticms.workflow.rights import enforce

from .indicators import load_indicator_system
from .metrics import DATA_FIELDS, FIELD_BY_CODE, MAX_COUNT
from .models import (
    Evaluation,
    EvaluationAttachment,
    EvaluationRound,
    Rectification,
)
from .prefill import registry_figures
from .rights import may_edit, may_write_report
from .schedule import add_years, cycle_years, due_centers, interval_years
from .workflow import EVALUATION_FLOW, RECTIFICATION_FLOW, ROUND_FLOW

MAX_TEXT = 50_000
MIN_YEAR, MAX_YEAR = 2000, 2100


def _require(actor, role: str, article: str) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.has_role(role):
        raise PermissionDenied(f"只有“{role_label(role)}”可以执行此操作（{cite(article)}）。")


# --- rounds -------------------------------------------------------------------------------------------
@transaction.atomic
def open_round(*, actor, year: int, title: str = "", materials_deadline: date, center_ids=None,
               ip: str | None = None) -> EvaluationRound:
    """Open the round of `year` with an evaluation for each center due (or the chosen ones among them)."""
    _require(actor, Role.BUREAU_OFFICER, "5(4)")
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ServiceError("invalid_year", f"评估年度须为 {MIN_YEAR} 至 {MAX_YEAR} 之间的整数。", field="year")
    if not isinstance(materials_deadline, date):
        raise ServiceError("invalid_deadline", "请填写材料提交截止日期。", field="materials_deadline")
    if materials_deadline < timezone.localdate():
        raise ServiceError("deadline_past", "材料提交截止日期不能早于今天。", field="materials_deadline")
    if EvaluationRound.objects.filter(year=year).exists():
        raise ServiceError("round_exists", f"{year}年度的评估批次已经存在。", status=409, field="year")
    system = load_indicator_system()
    due = due_centers(year, system=system)
    if center_ids is not None:
        try:
            wanted = {int(pk) for pk in center_ids}
        except (TypeError, ValueError) as exc:
            raise ServiceError("invalid_centers", "请选择要评估的中心。", field="center_ids") from exc
        not_due = wanted - {c.pk for c, _ in due}
        if not_due:
            raise ServiceError("not_due", f"所选中心中有 {len(not_due)} 个本年度未到评估期。",
                               field="center_ids", article="16")
        due = [(c, d) for c, d in due if c.pk in wanted]
    if not due:
        raise ServiceError("none_due", f"{year}年度没有到期应评估的中心：认定后每三年评估一次。",
                           article="16")
    title = (title or "").strip()[:200] or f"{year}年度市技术创新中心绩效评估"
    try:
        with transaction.atomic():
            rnd = EvaluationRound.objects.create(
                year=year, title=title, materials_deadline=materials_deadline, indicator_version=system.version,
                indicator_system=system.raw, opened_at=timezone.now(), opened_by=actor,
            )
    except IntegrityError as exc:
        raise ServiceError("round_exists", f"{year}年度的评估批次已经存在。", status=409, field="year") from exc

    cycle = cycle_years(date(year, 1, 1))
    spans = {center.pk: interval_years(center, system, cycle) for center, _ in due}
    # Every center's data years lie within the three years before the round: one query for the registry.
    figures = registry_figures(spans, range(year - 3, year))
    evaluations = []
    for center, due_on in due:
        span = spans[center.pk]
        data_years = [year - n for n in range(min(span, 3), 0, -1)]
        evaluations.append(Evaluation(
            round=rnd, center=center, due_on=due_on, period_start=max(center.recognized_on, add_years(due_on, -span)),
            period_end=due_on, data_years=data_years,
            indicator_data={y: row for y, row in figures.get(center.pk, {}).items() if int(y) in data_years},
        ))
    Evaluation.objects.bulk_create(evaluations)
    audit.record("evaluationround.open", actor=actor, role=Role.BUREAU_OFFICER, obj=rnd, ip=ip, data={
        "year": year, "title": title, "materials_deadline": materials_deadline.isoformat(),
        "indicator_version": system.version, "centers": [c.pk for c, _ in due], "article": "16",
        "prefilled_from_registry": sorted(c.pk for c, _ in due if figures.get(c.pk)),
    })
    return rnd


def close_round(*, actor, round: EvaluationRound, comment: str = "", ip: str | None = None,
                expected_state: str | None = None) -> EvaluationRound:
    return ROUND_FLOW.apply(actor, round, "close", comment=comment, ip=ip, expected_state=expected_state)


# --- materials ----------------------------------------------------------------------------------------
def _clean_value(field, raw, key: str, errors: dict):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        errors[key] = f"{field.label}须为数字。"
        return None
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        errors[key] = f"{field.label}须为数字。"
        return None
    if not value.is_finite():
        errors[key] = f"{field.label}须为数字。"
        return None
    if value < 0:
        errors[key] = f"{field.label}不能为负数。"
        return None
    if field.kind == "money":
        if value > MAX_WAN:
            errors[key] = f"{field.label}数额过大，请核对单位（万元）。"
            return None
        return str(to_yuan(value))
    if value != value.to_integral_value() or value > MAX_COUNT:
        errors[key] = f"{field.label}须为不超过 {MAX_COUNT} 的整数。"
        return None
    return int(value)


def clean_indicator_data(evaluation: Evaluation, data) -> dict:
    """Entered data ({year: {field: value}}, money in 万元) → stored data (money in yuan). Raises with every
    problem at once, keyed "YEAR.field"."""
    if not isinstance(data, dict):
        raise ServiceError("invalid_indicator_data", "指标数据须按年度逐项填写。", field="indicator_data")
    years = [str(y) for y in evaluation.data_years]
    errors: dict[str, str] = {}
    clean: dict[str, dict] = {}
    for year, row in data.items():
        if str(year) not in years:
            errors[str(year)] = f"本次评估只填报 {'、'.join(years)} 年度的数据。"
            continue
        if not isinstance(row, dict):
            errors[str(year)] = "该年度的数据须逐项填写。"
            continue
        out = {}
        for code, raw in row.items():
            field = FIELD_BY_CODE.get(code)
            if field is None:
                errors[f"{year}.{code}"] = f"没有名为“{code}”的指标数据项。"
                continue
            value = _clean_value(field, raw, f"{year}.{code}", errors)
            if value is not None:
                out[code] = value
        clean[str(year)] = out
    if errors:
        raise ServiceError("invalid_indicator_data", errors, field="indicator_data")
    return clean


def indicator_data_for_form(evaluation: Evaluation) -> dict:
    """Stored data with money back in 万元, for forms and the API."""
    out = {}
    for year in evaluation.data_years:
        row = (evaluation.indicator_data or {}).get(str(year), {})
        shown = {}
        for f in DATA_FIELDS:
            value = row.get(f.code)
            if value is not None and f.kind == "money":
                value = format(to_wan(value, exact=True), "f")
            shown[f.code] = value
        out[str(year)] = shown
    return out


@transaction.atomic
def update_materials(*, actor, evaluation: Evaluation, self_assessment: str | None = None,
                     indicator_data: dict | None = None, ip: str | None = None) -> Evaluation:
    """The host unit fills in its self-assessment and the indicator data (merged year by year, field by field)."""
    evaluation = Evaluation.objects.select_for_update().select_related("center").get(pk=evaluation.pk)
    enforce(may_edit(actor, evaluation))
    before = {"self_assessment": evaluation.self_assessment, "indicator_data": evaluation.indicator_data}
    if self_assessment is not None:
        if not isinstance(self_assessment, str):
            raise ServiceError("invalid_self_assessment", "自评报告须为文字。", field="self_assessment")
        if len(self_assessment) > MAX_TEXT:
            raise ServiceError("too_long", f"自评报告不能超过 {MAX_TEXT} 字。", field="self_assessment")
        evaluation.self_assessment = self_assessment.strip()
    if indicator_data is not None:
        clean = clean_indicator_data(evaluation, indicator_data)
        merged = {y: dict(r) for y, r in (evaluation.indicator_data or {}).items()}
        for year, row in clean.items():
            merged.setdefault(year, {}).update(row)
        # Fields sent empty are cleared, so a mistaken figure can be removed.
        for year, row in indicator_data.items():
            for code, raw in (row or {}).items():
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    merged.get(str(year), {}).pop(code, None)
        evaluation.indicator_data = merged
    evaluation.save(update_fields=["self_assessment", "indicator_data"])
    after = {"self_assessment": evaluation.self_assessment, "indicator_data": evaluation.indicator_data}
    changes = {k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]}
    if changes:
        audit.record("evaluation.update_materials", actor=actor, role=Role.APPLICANT, obj=evaluation,
                     data={"changes": changes, "article": "16"}, ip=ip)
    return evaluation


@stores_files
def add_attachment(*, actor, evaluation: Evaluation, uploaded_file, ip: str | None = None) -> EvaluationAttachment:
    evaluation = Evaluation.objects.select_for_update().select_related("center").get(pk=evaluation.pk)
    enforce(may_edit(actor, evaluation))
    att = store_upload(EvaluationAttachment(evaluation=evaluation), uploaded_file, uploaded_by=actor)
    audit.record("evaluation.add_attachment", actor=actor, role=Role.APPLICANT, obj=evaluation, ip=ip,
                 data={"attachment": att.pk, "name": att.original_name, "sha256": att.sha256, "sm3": att.sm3,
                       "size": att.size})
    return att


# --- transitions --------------------------------------------------------------------------------------
def _visible_or_404(model, actor, pk: int) -> None:
    # The workflow checks the role; whose record it is comes from the one scope mechanism.
    if not model.objects.visible_to(actor).filter(pk=pk).exists():
        raise Http404("not visible")


def transition_evaluation(*, actor, evaluation: Evaluation, name: str, comment: str = "", data: dict | None = None,
                          ip: str | None = None, expected_state: str | None = None) -> Evaluation:
    """Fire a transition of EVALUATION_FLOW (submit, county_forward, conclude_retain …)."""
    _visible_or_404(Evaluation, actor, evaluation.pk)
    return EVALUATION_FLOW.apply(actor, evaluation, name, comment=comment, data=data or {}, ip=ip,
                                 expected_state=expected_state)


def conclude(*, actor, evaluation: Evaluation, outcome: str, comment: str = "", grade: str | None = None,
             deadline: date | str | None = None, ip: str | None = None,
             expected_state: str | None = None) -> Evaluation:
    """The bureau's conclusion: retain (with grade), rectify (requirements = comment, deadline) or revoke."""
    if outcome not in ("retain", "rectify", "revoke"):
        raise ServiceError("invalid_outcome", "评估结论只能是保留、整改或撤销。", field="outcome")
    data = {}
    if outcome == "retain" and grade:
        data["grade"] = grade
    if outcome == "rectify" and deadline:
        data["deadline"] = deadline.isoformat() if isinstance(deadline, date) else str(deadline)
    return transition_evaluation(actor=actor, evaluation=evaluation, name=f"conclude_{outcome}", comment=comment,
                                 data=data, ip=ip, expected_state=expected_state)


@transaction.atomic
def write_rectification_report(*, actor, rectification: Rectification, report: str,
                               ip: str | None = None) -> Rectification:
    rect = Rectification.objects.select_for_update().select_related("evaluation__center").get(pk=rectification.pk)
    enforce(may_write_report(actor, rect))
    if not isinstance(report, str) or len(report) > MAX_TEXT:
        raise ServiceError("invalid_report", f"整改报告须为不超过 {MAX_TEXT} 字的文字。", field="report")
    before = rect.report
    rect.report = report.strip()
    rect.save(update_fields=["report"])
    if before != rect.report:
        audit.record("rectification.update_report", actor=actor, role=Role.APPLICANT, obj=rect, ip=ip,
                     data={"changes": {"report": {"before": before, "after": rect.report}}, "article": "16"})
    return rect


def transition_rectification(*, actor, rectification: Rectification, name: str, comment: str = "",
                             ip: str | None = None, expected_state: str | None = None) -> Rectification:
    _visible_or_404(Rectification, actor, rectification.pk)
    return RECTIFICATION_FLOW.apply(actor, rectification, name, comment=comment, ip=ip, expected_state=expected_state)
