"""What experts score on an evaluation panel: the expert-scored indicators of the round's frozen system."""

from __future__ import annotations

from ticms.reviews.purposes import register_purpose

from .scoring import evaluation_system

EVALUATION_RECOMMENDATIONS = [("retain", "建议保留"), ("rectify", "建议整改"), ("revoke", "建议撤销")]


def evaluation_indicators(panel) -> list[dict]:
    evaluation = panel.subject
    return [
        {"code": i.code, "name": f"{i.parent_name}：{i.name}", "max": i.weight, "article": i.article}
        for i in evaluation_system(evaluation).expert_indicators
    ]


def register() -> None:
    register_purpose("evaluation", evaluation_indicators, EVALUATION_RECOMMENDATIONS, article="16")
