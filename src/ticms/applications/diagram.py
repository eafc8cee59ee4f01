"""The generated part of docs/recognition.md: the recognition transition table and its state diagram."""

from __future__ import annotations

from ticms.workflow.core import Workflow
from ticms.workflow.docs import mermaid, table

from .workflow import APPLICATION_FLOW

BEGIN = "<!-- BEGIN GENERATED: ticms workflow_diagram applications -->"
END = "<!-- END GENERATED -->"


def markdown(flow: Workflow) -> str:
    return "\n".join([BEGIN, "", table(flow), "", mermaid(flow, "draft"), "", END])


def generated_section(text: str) -> str:
    """The generated part of a document (between the markers), or '' if it has none."""
    if BEGIN not in text or END not in text:
        return ""
    start = text.index(BEGIN)
    return text[start:text.index(END, start) + len(END)]


def recognition_markdown() -> str:
    return markdown(APPLICATION_FLOW)
