"""Reads of expert review, scoped; and the panel result other apps' guards call."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef

from ticms.accounts.roles import Role
from ticms.applications.models import Application
from ticms.audit.models import Event

from . import draw as drawing
from .models import Assignment, Declaration, Opinion, Panel
from .purposes import Indicator, indicators_for, recommendation_label
from .scoring import majority, mean, trimmed_mean
from .subjects import subject_filter


@dataclass
class ExpertScore:
    assignment: Assignment
    expert_name: str
    opinion: Opinion | None
    total: Decimal | None
    scores: dict
    recommendation: str | None
    recommendation_label: str = ""

    def as_dict(self) -> dict:
        return {
            "assignment_id": self.assignment.pk,
            "expert": self.expert_name,
            "declaration": self.assignment.declaration,
            "submitted": self.opinion is not None,
            "total": str(self.total) if self.total is not None else None,
            "scores": self.scores,
            "recommendation": self.recommendation,
        }


@dataclass
class PanelResult:
    panel: Panel
    complete: bool
    missing: list[str]
    recommendation: str | None
    mean_score: Decimal | None
    scores: list[ExpertScore]
    recommendation_tied: bool = False
    indicator_means: list[tuple[Indicator, Decimal | None]] = field(default_factory=list)

    @property
    def recommendation_label(self) -> str:
        return recommendation_label(self.panel.purpose, self.recommendation)

    @property
    def trimmed(self) -> bool:
        return len([s for s in self.scores if s.total is not None]) >= 5


def panel_result(panel: Panel, *, with_indicators: bool = True) -> PanelResult:
    assignments = getattr(panel, "active_assignments", None)  # prefetched by panel_results_for
    if assignments is None:
        assignments = list(panel.assignments.filter(active=True).select_related("expert", "opinion").order_by("pk"))
    scores = []
    for a in assignments:
        opinion = getattr(a, "opinion", None)
        scores.append(ExpertScore(
            assignment=a, expert_name=a.expert.name, opinion=opinion,
            total=opinion.total if opinion else None, scores=dict(opinion.scores) if opinion else {},
            recommendation=opinion.recommendation if opinion else None,
            recommendation_label=recommendation_label(panel.purpose, opinion.recommendation) if opinion else "",
        ))
    submitted = [s for s in scores if s.opinion is not None]
    missing = [s.expert_name for s in scores if s.opinion is None]
    recs = [s.recommendation for s in submitted]
    rec = majority(recs)
    indicator_means = []
    if with_indicators and submitted:
        for ind in indicators_for(panel):
            indicator_means.append((ind, mean(s.scores[ind.code] for s in submitted if ind.code in s.scores)))
    return PanelResult(
        panel=panel,
        complete=bool(scores) and not missing,
        missing=missing,
        recommendation=rec,
        mean_score=trimmed_mean(s.total for s in submitted),
        scores=scores,
        recommendation_tied=bool(recs) and rec is None,
        indicator_means=indicator_means,
    )


def latest_panel_for(subject) -> Panel | None:
    """The subject's active panel (a redraw closes the one before)."""
    return (Panel.objects.filter(**subject_filter(subject), closed_at__isnull=True)
            .order_by("-drawn_at", "-pk").first())


def panels_of_subject(panel: Panel) -> list[Panel]:
    """Every panel drawn for the same subject and purpose, first draw first: the redraws are part of the file."""
    return list(Panel.objects.filter(content_type_id=panel.content_type_id, object_id=panel.object_id,
                                     purpose=panel.purpose).order_by("draw_number", "pk"))


def panel_result_for(subject) -> PanelResult | None:
    """None when the subject has no panel; otherwise the result of its latest panel."""
    panel = latest_panel_for(subject)
    return panel_result(panel, with_indicators=False) if panel is not None else None


def panel_results_for(subjects) -> dict[int, PanelResult]:
    """`panel_result_for` of a page of subjects of one model in two queries, whatever the page holds:
    {subject id: result}."""

    subjects = list(subjects)
    if not subjects:
        return {}
    ct = ContentType.objects.get_for_model(type(subjects[0]))
    open_panels = {"content_type": ct, "object_id__in": [s.pk for s in subjects], "closed_at__isnull": True}
    latest: dict[int, Panel] = {}
    # What a result reads of a panel: its purpose (the recommendation's label). The draw's candidate and exclusion
    # lists are JSON of up to the whole expert pool, parsed for nothing on every page otherwise.
    for panel in (Panel.objects.filter(**open_panels).order_by("object_id", "-drawn_at", "-pk")
                  .only("object_id", "purpose")):
        panel.active_assignments = []
        latest.setdefault(panel.object_id, panel)
    by_pk = {p.pk: p for p in latest.values()}
    # What a result reads of each expert and opinion, nothing more: a whole expert row would decrypt the SM4
    # phone and e-mail of five experts per application listed, and an opinion carries its long comment.
    active = (Assignment.objects.filter(active=True, **{f"panel__{k}": v for k, v in open_panels.items()})
              .select_related("expert", "opinion").order_by("pk")
              .only("panel_id", "expert__name", "opinion__assignment_id", "opinion__scores", "opinion__total",
                    "opinion__recommendation"))
    for a in active:
        if a.panel_id in by_pk:
            by_pk[a.panel_id].active_assignments.append(a)
    return {pk: panel_result(panel, with_indicators=False) for pk, panel in latest.items()}


def panels_visible_to(user):
    return Panel.objects.visible_to(user).select_related("content_type", "drawn_by")


def assignments_of_expert(user):
    """The signed-in expert's own assignments (nobody else's: scope by the expert's user)."""
    return (
        Assignment.objects.visible_to(user, role=Role.EXPERT)
        .select_related("panel", "expert", "opinion")
        .order_by("-panel__drawn_at", "-pk")
    )


def can_see_details(assignment: Assignment) -> bool:
    """Before declaring no conflict an expert sees only the subject's name and the units involved; after a
    redraw closed the panel, nothing more (the same rule as `accounts.scope._panel_member`)."""
    return (assignment.active and assignment.panel.closed_at is None
            and assignment.declaration == Declaration.NO_CONFLICT)


@dataclass
class DrawCheck:
    ok: bool
    lines: list[str]


def _draw_events(panel: Panel):
    """The audit events the panel's draws were made from: the committed draw (or, for panels drawn before it
    was recorded separately, the form event), then each replacement."""

    first = (Event.objects.filter(object_type="reviews.panel", object_id=str(panel.pk),
                                  action__in=["panel.draw", "panel.form"]).order_by("seq").first())
    assignment_ids = [str(pk) for pk in panel.assignments.values_list("pk", flat=True)]
    replacements = list(Event.objects.filter(object_type="reviews.assignment", object_id__in=assignment_ids,
                                             action="assignment.replace").order_by("seq"))
    return first, replacements


def _verdict(same: bool) -> str:
    return "一致" if same else "不一致"


def redraw_check(panel: Panel) -> DrawCheck:
    """Recompute the panel's draws from the audit events written before them (seed, sorted candidates, their SM3
    digest) and compare with the panel's experts and its draw records."""
    first, replacements = _draw_events(panel)
    if first is None:
        return DrawCheck(ok=False, lines=["审计日志中没有本专家组的抽取记录。"])
    ok, lines = True, []
    data = first.data
    candidates = list(data["candidate_ids"])
    if candidates != sorted(candidates):
        ok = False
        lines.append("审计日志中的候选名单未按编号排序。")
    if "candidates_sm3" in data:
        digest = drawing.candidates_digest(candidates)
        same = digest == data["candidates_sm3"]
        ok &= same
        lines.append(f"候选名单 SM3 摘要：记录 {data['candidates_sm3']}，重算 {digest} —— {_verdict(same)}")
    again = drawing.draw(data["seed"], candidates, data["size"])
    expected = set(again)
    initial = panel.draws.filter(kind="initial").first()
    same = initial is not None and initial.seed == data["seed"] and list(initial.drawn_ids) == again
    ok &= same
    lines.append(f"首次抽取（审计日志第 {first.seq} 条）：种子 {data['seed']}，候选 {candidates}，"
                 f"重算结果 {again}，抽取记录 {initial.drawn_ids if initial else '无'} —— {_verdict(same)}")
    for k, event in enumerate(replacements, start=1):
        d = event.data
        new = drawing.draw(d["seed"], d["candidate_ids"], 1)[0]
        same = new == d["new_expert"] and d["seed"] == drawing.replacement_seed(data["seed"], k)
        ok &= same
        expected = (expected - {d["recused_expert"]}) | {new}
        lines.append(f"第 {k} 次回避替补（审计日志第 {event.seq} 条）：种子 {d['seed']}，候选 {d['candidate_ids']}，"
                     f"重算结果 {new}，记录 {d['new_expert']} —— {_verdict(same)}")
    actual = set(panel.assignments.filter(active=True).values_list("expert_id", flat=True))
    if panel.closed_at is None:
        same = actual == expected
        ok &= same
        lines.append(f"专家组现有专家编号 {sorted(actual)}，按审计日志应为 {sorted(expected)} —— "
                     f"{_verdict(same)}")
    else:
        everyone = set(panel.assignments.values_list("expert_id", flat=True))
        same = expected <= everyone
        ok &= same
        lines.append(f"专家组已停用；曾入组专家 {sorted(everyone)}，按审计日志应包含 {sorted(expected)} —— "
                     f"{_verdict(same)}")
    return DrawCheck(ok=ok, lines=lines)


def applications_without_panel(user):
    """Applications in expert review that have no panel yet (the bureau forms one for each), the longest waiting
    first, as the other to-do lines."""


    ct = ContentType.objects.get_for_model(Application)
    has_panel = Panel.objects.filter(content_type=ct, object_id=OuterRef("pk"))
    return (Application.objects.visible_to(user).filter(state="expert_review").exclude(Exists(has_panel))
            .select_related("lead_unit").order_by("updated_at", "pk"))


def experts_in_field(qs, field: str):
    """Experts whose `fields` list holds `field`: PostgreSQL tests jsonb containment (@>); SQLite, which has
    no such lookup, reads the two columns it needs."""

    if connection.vendor == "postgresql":
        return qs.filter(fields__contains=[field])
    return qs.filter(pk__in=[pk for pk, fields in qs.values_list("pk", "fields") if field in (fields or [])])
