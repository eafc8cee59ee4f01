"""The workflow part of docs/registry.md, generated from the transition tables (a test keeps them in sync).

The table and diagram renderers are the evaluation app's generic ones (they take any Workflow)."""

from __future__ import annotations

from ticms.evaluations.docs import mermaid, table

from .workflow import CENTER_FLOW, CHANGE_FLOW, FILING_FLOW


def markdown() -> str:
    parts = []
    for title, flow in (("Change request (`ChangeRequest.state`)", CHANGE_FLOW),
                        ("Filing (`Filing.state`)", FILING_FLOW),
                        ("Center status (`Center.status`)", CENTER_FLOW)):
        parts += [f"### {title}", "", table(flow), "", mermaid(flow), ""]
    return "\n".join(parts)
