"""The score sheet of one evaluation: data-driven points from the reported figures plus the trimmed mean of the
expert totals (highest and lowest dropped at five or more experts, as in recognition — DESIGN §4.2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ticms.reviews.scoring import trimmed_mean
from ticms.reviews.selectors import latest_panel_for

from .indicators import IndicatorSystem, system_from_snapshot


@dataclass
class ScoreSheet:
    system: IndicatorSystem
    data: dict[str, dict]                      # code → {"value", "points"}
    expert: dict[str, Decimal | None]          # code → trimmed mean of the experts' scores
    expert_totals: list[Decimal]               # each expert's total over the expert-scored indicators
    expert_total: Decimal | None               # trimmed mean of expert_totals
    experts_expected: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.experts_expected > 0 and not self.missing

    @property
    def data_total(self) -> Decimal:
        return sum((Decimal(v["points"]) for v in self.data.values()), Decimal(0))

    @property
    def total(self) -> Decimal | None:
        if self.expert_total is None:
            return None
        return (self.data_total + self.expert_total).quantize(Decimal("0.01"))

    @property
    def suggested_grade(self) -> str:
        return self.system.grade_for(self.total)

    @property
    def trimmed(self) -> bool:
        return len(self.expert_totals) >= 5

    def as_dict(self) -> dict:
        return {
            "indicator_version": self.system.version,
            "data": self.data,
            "expert": {k: None if v is None else str(v) for k, v in self.expert.items()},
            "expert_totals": [str(t) for t in self.expert_totals],
            "expert_total": None if self.expert_total is None else str(self.expert_total),
            "data_total": str(self.data_total),
            "total": None if self.total is None else str(self.total),
            "suggested_grade": self.suggested_grade if self.total is not None else "",
            "trimmed": self.trimmed,
            "experts_expected": self.experts_expected,
            "missing": self.missing,
        }


def evaluation_system(evaluation) -> IndicatorSystem:
    return system_from_snapshot(evaluation.round.indicator_system)


def score_sheet(evaluation) -> ScoreSheet:
    system = evaluation_system(evaluation)
    data = system.data_scores(evaluation.indicator_data, [int(y) for y in evaluation.data_years])
    panel = latest_panel_for(evaluation)
    opinions, missing, expected = [], [], 0
    if panel is not None:
        for a in panel.assignments.filter(active=True).select_related("expert", "opinion").order_by("pk"):
            expected += 1
            opinion = getattr(a, "opinion", None)
            if opinion is None:
                missing.append(a.expert.name)
            else:
                opinions.append(opinion)
    codes = [i.code for i in system.expert_indicators]
    per_indicator = {c: trimmed_mean(o.scores[c] for o in opinions if c in o.scores) for c in codes}
    totals = [sum((Decimal(str(o.scores.get(c, 0))) for c in codes), Decimal(0)) for o in opinions]
    return ScoreSheet(system=system, data=data, expert=per_indicator, expert_totals=totals,
                      expert_total=trimmed_mean(totals), experts_expected=expected, missing=missing)
