"""Where each workflow table is reached from outside: one web URL and one API route per table, served by the
generic view (`workflow/views.py`) and the generic API router (`workflow/api.py`).

An app registers its tables in its `AppConfig.ready()`; nothing else about a transition is written per app. The
path of one click: the page's button (or `POST /api/v1/<collection>/{id}/transitions/{name}`) → `fire()` here,
which loads the record through the user's scope (404 when invisible), reads the inputs the table declares and calls
`Workflow.apply`, which locks the row, checks state, role *for this record*, comment and guards, changes the state,
runs the effect and writes the audit event in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse

from .core import Reason, Workflow, WorkflowError


@dataclass(frozen=True)
class Endpoint:
    flow: Workflow
    # URL name under the "workflow" namespace and the key of ENDPOINTS, e.g. "application".
    name: str
    # Web path before "/transitions/<name>/", with <int:pk>, e.g. "applications/<int:pk>".
    web_path: str
    # API path before "/transitions/{name}", with {id}, e.g. "/applications/{id}".
    api_path: str
    # (user, pk) → the record, through the user's scope; raises Http404 when the user may not see it.
    load: Callable[[Any, int], Any]
    # (record, user) → the API's answer after the step (the resource's usual JSON).
    as_json: Callable[[Any, Any], dict]
    # The API id is not the record's own pk (e.g. a rectification is addressed by its evaluation).
    api_load: Callable[[Any, int], Any] | None = None
    # Extra inputs a step of this table reads from `ctx.data`, with their type: {"grade": str, "deadline": date}.
    inputs: dict[str, type] = field(default_factory=dict)
    # Where the page goes after the step; by default the record's own page.
    done_url: Callable[[Any], str] | None = None
    # (step name, record before, record after) → [(level, text)] to tell the user after the step, when a table
    # has more to say than "done" (a notice whose start moved, what an expert may do next).
    messages: Callable[[str, Any, Any], list[tuple[str, str]]] | None = None
    summary: str = ""

    def action_url(self, record) -> str:
        """The pattern the transitions include fills in: ".../transitions/{name}/"."""

        return reverse("workflow:" + self.name, args=[record.pk, "NAME"]).replace("NAME", "{name}")

    def after(self, record) -> str:
        return self.done_url(record) if self.done_url else record.get_absolute_url()


ENDPOINTS: dict[str, Endpoint] = {}


def register(endpoint: Endpoint) -> Endpoint:
    ENDPOINTS[endpoint.name] = endpoint
    return endpoint


def endpoint_for(record) -> Endpoint | None:
    label = record._meta.label
    for ep in ENDPOINTS.values():
        if ep.flow.model_label == label:
            return ep
    return None


def action_url(record) -> str:
    ep = endpoint_for(record)
    return ep.action_url(record) if ep else ""


def clean_inputs(endpoint: Endpoint, raw: dict) -> dict:
    """The declared inputs present in `raw`, as the strings effects read from `ctx.data` (dates as ISO)."""
    data = {}
    for name in endpoint.inputs:
        value = raw.get(name)
        if value is None or value == "":
            continue
        data[name] = value.isoformat() if isinstance(value, date) else str(value)
    return data


def fire(endpoint: Endpoint, user, record, name: str, *, comment: str = "", expected_state: str | None = None,
         data: dict | None = None, ip: str | None = None):
    """Fire step `name` of `endpoint` on `record` (already loaded through the user's scope)."""
    step = endpoint.flow.steps.get(name)
    if step is not None and step.internal:
        # Such a step follows from another flow (recognition, an evaluation's conclusion); offering it on its
        # own would let a status change skip the procedure the measures prescribe.
        reason = Reason("internal_step", f"“{step.label}”随{step.internal}办理，不能单独执行。", step.article)
        raise WorkflowError("forbidden", [reason], 403)
    return endpoint.flow.apply(user, record, name, comment=comment, ip=ip, expected_state=expected_state or None,
                               data=clean_inputs(endpoint, data or {}))
