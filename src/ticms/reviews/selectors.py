"""Reads of expert review, scoped; and the panel result other apps' guards call."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ticms.accounts.roles import Role

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
    assignments = list(
        panel.assignments.filter(active=True).select_related("expert", "opinion").order_by("pk")
    )
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
    return Panel.objects.filter(**subject_filter(subject)).order_by("-drawn_at", "-pk").first()


def panel_result_for(subject) -> PanelResult | None:
    """None when the subject has no panel; otherwise the result of its latest panel."""
    panel = latest_panel_for(subject)
    return panel_result(panel, with_indicators=False) if panel is not None else None


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
    """Before declaring no conflict an expert sees only the subject's name and the units involved."""
    return assignment.active and assignment.declaration == Declaration.NO_CONFLICT


@dataclass
class DrawCheck:
    ok: bool
    lines: list[str]


def redraw_check(panel: Panel) -> DrawCheck:
    """Recompute every recorded draw of the panel from its seed and candidates; compare with what was drawn."""
    ok = True
    lines = []
    for d in panel.draws.order_by("at", "pk"):
        again = drawing.draw(d.seed, d.candidate_ids, len(d.drawn_ids))
        same = again == list(d.drawn_ids)
        ok &= same
        lines.append(
            f"{d.get_kind_display()}：种子 {d.seed}，候选 {d.candidate_ids}，记录结果 {d.drawn_ids}，"
            f"重算结果 {again} —— {'一致' if same else '不一致'}"
        )
    if not lines:
        ok = False
        lines.append("没有抽取记录。")
    return DrawCheck(ok=ok, lines=lines)


def applications_without_panel(user):
    """Applications in expert review that have no panel yet (the bureau forms one for each)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Exists, OuterRef

    from ticms.applications.models import Application

    ct = ContentType.objects.get_for_model(Application)
    has_panel = Panel.objects.filter(content_type=ct, object_id=OuterRef("pk"))
    return (Application.objects.visible_to(user).filter(state="expert_review").exclude(Exists(has_panel))
            .select_related("lead_unit").order_by("pk"))
