"""The workflow part of docs/evaluation.md, generated from the transition tables (a test keeps them in sync)."""

from __future__ import annotations

from ticms.workflow.docs import sections

from .workflow import EVALUATION_FLOW, RECTIFICATION_FLOW, ROUND_FLOW


def markdown() -> str:
    return sections([("Evaluation (`Evaluation.state`)", EVALUATION_FLOW),
                     ("Rectification (`Rectification.state`)", RECTIFICATION_FLOW),
                     ("Round (`EvaluationRound.state`)", ROUND_FLOW)])
