"""The transition table of a Workflow as Markdown and a Mermaid state diagram (for docs/recognition.md)."""

from __future__ import annotations

from django.utils import translation

from ticms.web.labels import role_label
from ticms.workflow.core import Workflow

BEGIN = "<!-- BEGIN GENERATED: ticms workflow_diagram applications -->"
END = "<!-- END GENERATED -->"


def markdown(flow: Workflow) -> str:
    with translation.override("zh-hans"):
        return _markdown(flow)


def _markdown(flow: Workflow) -> str:
    rows = flow.table()
    lines = [BEGIN, "", "| transition | label | from → to | by | comment required | Art. |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| `{r['name']}` | {r['label']} | {', '.join(r['sources'])} → {r['target']} | "
                     f"{role_label(r['role'])} (`{r['role']}`) | {'yes' if r['comment_required'] else ''} | "
                     f"{r['article']} |")
    lines += ["", "```mermaid", "stateDiagram-v2", "    [*] --> draft"]
    for r in rows:
        for source in r["sources"]:
            lines.append(f"    {source} --> {r['target']}: {r['name']}")
    lines += ["```", "", END]
    return "\n".join(lines)


def generated_section(text: str) -> str:
    """The generated part of a document (between the markers), or '' if it has none."""
    if BEGIN not in text or END not in text:
        return ""
    start = text.index(BEGIN)
    return text[start:text.index(END, start) + len(END)]
