"""Workflow tables as Markdown and Mermaid state diagrams, for the docs (tests keep the docs in sync)."""

from __future__ import annotations

from django.utils import translation

from ticms.policy.citation import cite

from .core import Workflow, role_label


def _state_labels(flow: Workflow) -> dict[str, str]:
    field = flow.model._meta.get_field(flow.field_name)
    return {str(k): str(v) for k, v in field.choices}


def table(flow: Workflow) -> str:
    with translation.override("zh-hans"):
        labels = _state_labels(flow)
        lines = ["| transition | label | from → to | by | comment | guards | article |",
                 "|---|---|---|---|---|---|---|"]
        for row in flow.table():
            step = flow.steps[row["name"]]
            sources = ", ".join(f"`{s}`" for s in row["sources"])
            guards = ", ".join(f"`{g.__name__}`" for g in step.guards) or "—"
            lines.append(
                f"| `{row['name']}` | {row['label']} | {sources} → `{row['target']}` "
                f"({labels.get(row['target'], '')}) | {role_label(row['role'])} "
                f"| {'required' if row['comment_required'] else ''} | {guards} | {cite(row['article'])} |"
            )
    return "\n".join(lines)


def mermaid(flow: Workflow, initial: str | None = None) -> str:
    lines = ["```mermaid", "stateDiagram-v2"]
    if initial:
        lines.append(f"    [*] --> {initial}")
    for row in flow.table():
        for source in row["sources"]:
            lines.append(f"    {source} --> {row['target']}: {row['name']}")
    lines.append("```")
    return "\n".join(lines)


def sections(titled_flows) -> str:
    """`### title`, the table and the diagram for each (title, flow[, initial state])."""
    parts = []
    for title, flow, *initial in titled_flows:
        parts += [f"### {title}", "", table(flow), "", mermaid(flow, *initial), ""]
    return "\n".join(parts)
