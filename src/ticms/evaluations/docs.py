"""The workflow part of docs/evaluation.md, generated from the transition tables (a test keeps them in sync)."""

from __future__ import annotations

from ticms.workflow.core import role_label

from .workflow import EVALUATION_FLOW, RECTIFICATION_FLOW, ROUND_FLOW


def _state_labels(flow) -> dict[str, str]:
    field = flow.model._meta.get_field(flow.field_name)
    return {str(k): str(v) for k, v in field.choices}


def table(flow) -> str:
    labels = _state_labels(flow)
    lines = ["| transition | label | from → to | by | comment | guards | Art. |", "|---|---|---|---|---|---|---|"]
    for row in flow.table():
        step = flow.steps[row["name"]]
        sources = ", ".join(f"`{s}`" for s in row["sources"])
        guards = ", ".join(f"`{g.__name__}`" for g in step.guards) or "—"
        lines.append(
            f"| `{row['name']}` | {row['label']} | {sources} → `{row['target']}` ({labels.get(row['target'], '')}) "
            f"| {role_label(row['role'])} | {'required' if row['comment_required'] else ''} | {guards} "
            f"| {row['article']} |"
        )
    return "\n".join(lines)


def mermaid(flow) -> str:
    lines = ["```mermaid", "stateDiagram-v2"]
    for row in flow.table():
        for source in row["sources"]:
            lines.append(f"    {source} --> {row['target']}: {row['name']}")
    lines.append("```")
    return "\n".join(lines)


def markdown() -> str:
    parts = []
    for title, flow in (("Evaluation (`Evaluation.state`)", EVALUATION_FLOW),
                        ("Rectification (`Rectification.state`)", RECTIFICATION_FLOW),
                        ("Round (`EvaluationRound.state`)", ROUND_FLOW)):
        parts += [f"### {title}", "", table(flow), "", mermaid(flow), ""]
    return "\n".join(parts)
