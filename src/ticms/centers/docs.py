"""The workflow part of docs/registry.md, generated from the transition tables (a test keeps them in sync)."""

from __future__ import annotations

from ticms.workflow.docs import sections

from .workflow import CENTER_FLOW, CHANGE_FLOW, FILING_FLOW


def markdown() -> str:
    return sections([("Change request (`ChangeRequest.state`)", CHANGE_FLOW),
                     ("Filing (`Filing.state`)", FILING_FLOW),
                     ("Center status (`Center.status`)", CENTER_FLOW)])
