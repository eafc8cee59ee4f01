"""The workflow core shared by every flow (DESIGN §4).

A `Workflow` table declares each step once: its name, the states it leaves from and leads to, the role that
may fire it, guards that explain *why not* with the article, whether a comment is required, and its effect on
other records. The state column is a `StateField`, which refuses assignment outside a step, so the table is the
only way a state moves. `apply` runs a step in one transaction with the row locked, checks that the user holds
the role *for this record*, and writes the audit event; `available` tells pages and the API which buttons exist
for this user now. How a click reaches `apply`: `workflow/endpoints.py`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise

from ticms.accounts.roles import role_label
from ticms.accounts.scope import acts_for
from ticms.audit import services as audit
from ticms.policy.citation import cite

from .fields import StateField, state_change

# Every Workflow table, by model label: lets timelines name a transition from its audit action.
REGISTRY: dict[str, Workflow] = {}


@dataclass(frozen=True)
class Reason:
    """Why an action is refused: a stable code for programs, a sentence for people, the article behind it."""

    code: str
    message: str | Promise
    article: str = ""

    def as_dict(self) -> dict[str, str]:
        # `article` is the stable code for programs, `citation` the same article as people read it.
        return {"code": self.code, "message": str(self.message), "article": self.article,
                "citation": cite(self.article)}

    def __str__(self) -> str:
        text = str(self.message)
        return f"{text}（{cite(self.article)}）" if self.article else text


class WorkflowError(Exception):
    """A refused transition. `status` is the HTTP status the API answers with."""

    def __init__(self, error: str, reasons: list[Reason], status: int):
        self.error = error
        self.reasons = reasons
        self.status = status
        super().__init__("; ".join(str(r) for r in reasons))


@dataclass
class Context:
    """What the acting user brings to a transition."""

    user: Any
    role: str
    comment: str = ""
    data: dict = field(default_factory=dict)
    ip: str | None = None
    now: Any = None
    # The state the record was in when the transition fired (set by `apply`, read by effects).
    from_state: str = ""
    # Filled by effects: extra facts the audit event should carry (ids of created records, …).
    audit_data: dict = field(default_factory=dict)


Guard = Callable[[Any, Context], "Reason | Iterable[Reason] | None"]
Effect = Callable[[Any, Context], None]


@dataclass(frozen=True)
class Step:
    name: str
    role: str
    label: str | Promise
    article: str = ""
    guards: tuple[Guard, ...] = ()
    comment_required: bool = False
    effect: Effect | None = None
    # Shown as a red button and asked to confirm.
    dangerous: bool = False
    # Not offered on its own: the step follows from another flow, named here ("认定" …); only its effects fire it.
    internal: str = ""
    # The graph: the states the step leaves from and the one it leads to (declared here and nowhere else).
    source: str | tuple[str, ...] = ()
    target: str = ""

    @property
    def sources(self) -> list[str]:
        return [self.source] if isinstance(self.source, str) else list(self.source)


@dataclass
class Availability:
    name: str
    label: str
    role: str
    article: str
    allowed: bool
    reasons: list[Reason]
    comment_required: bool
    dangerous: bool
    target: str
    target_label: str = ""  # the target as users read it (pages; the API's payload keeps `target` only)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "role": self.role,
            "article": self.article,
            "citation": cite(self.article),
            "allowed": self.allowed,
            "reasons": [r.as_dict() for r in self.reasons],
            "comment_required": self.comment_required,
            "target": self.target,
        }


def _as_list(result) -> list[Reason]:
    if result is None:
        return []
    if isinstance(result, Reason):
        return [result]
    return [r for r in result if r is not None]


class Workflow:
    def __init__(self, model: str, steps: Iterable[Step], field_name: str = "state"):
        self.model_label = model
        self.field_name = field_name
        self.steps = {s.name: s for s in steps}
        # The steps offered from each state, in table order: `available` runs for every row of a list.
        self._offered: dict[str, list[tuple[Step, str]]] = {}
        for step in self.steps.values():
            if not step.internal:
                for source in step.sources:
                    self._offered.setdefault(source, []).append((step, step.target))
        REGISTRY[f"{model}.{field_name}"] = self

    @property
    def model(self):
        return apps.get_model(self.model_label)

    # --- the graph, declared in the steps ---------------------------------------------------------
    def graph(self, name: str) -> tuple[list[str], str]:
        step = self.steps[name]
        return step.sources, step.target

    def table(self) -> list[dict]:
        """The transition table, for docs, diagrams and the API."""
        rows = []
        for step in self.steps.values():
            sources, target = self.graph(step.name)
            rows.append(
                {
                    "name": step.name,
                    "sources": sources,
                    "target": target,
                    "role": step.role,
                    "label": str(step.label),
                    "article": step.article,
                    "comment_required": step.comment_required,
                }
            )
        return rows

    def check_complete(self) -> list[str]:
        """Every step leads from and to states of the field's choices, and every state is reached or left."""
        field = self.model._meta.get_field(self.field_name)
        if not isinstance(field, StateField):
            return [f"{self.model_label}.{self.field_name} is not a StateField"]
        states = {value for value, _label in field.choices}
        problems = []
        for step in self.steps.values():
            if not step.sources or not step.target:
                problems.append(f"step {step.name!r} has no source or no target")
            problems += [f"step {step.name!r}: unknown state {s!r}" for s in [*step.sources, step.target]
                         if s and s not in states]
        touched = {s for step in self.steps.values() for s in [*step.sources, step.target]}
        problems += [f"state {s!r} is never reached or left" for s in sorted(states - touched - {field.default})]
        return problems

    # --- who may do what now -------------------------------------------------------------------
    def state_of(self, record) -> str:
        return getattr(record, self.field_name)

    def refusals(self, record, name: str, ctx: Context, *, with_comment: bool = True) -> tuple[str, list[Reason]]:
        """('', []) when the transition may run; otherwise the error kind and its reasons."""
        step = self.steps.get(name)
        if step is None:
            return "not_found", [Reason("unknown_transition", f"没有这项操作：{name}")]
        sources, _target = self.graph(name)
        state = self.state_of(record)
        if state not in sources:
            return "conflict", [
                Reason(
                    "wrong_state",
                    f"当前状态（{self.state_label(record)}）下不能进行此操作。",
                    step.article,
                )
            ]
        if not ctx.user.is_authenticated or not ctx.user.has_role(step.role):
            return "forbidden", [
                Reason(
                    "role",
                    f"只有具有“{role_label(step.role)}”角色的用户才能进行此操作。",
                    step.article,
                )
            ]
        if not acts_for(ctx.user, record, step.role):
            # Holding the role for another organisation or county is not holding it for this record.
            return "forbidden", [
                Reason(
                    "not_your_record",
                    f"您不是该记录所属单位的“{role_label(step.role)}”，不能办理此事项。",
                    step.article,
                )
            ]
        reasons: list[Reason] = []
        if with_comment and step.comment_required and not (ctx.comment or "").strip():
            reasons.append(Reason("comment_required", "此操作需要填写意见。", step.article))
        if len(ctx.comment or "") > MAX_COMMENT:
            reasons.append(Reason("comment_too_long", f"意见不能超过 {MAX_COMMENT} 字。"))
        for guard in step.guards:
            reasons.extend(_as_list(guard(record, ctx)))
        return ("invalid", reasons) if reasons else ("", [])

    def state_label(self, record) -> str:
        display = getattr(record, f"get_{self.field_name}_display", None)
        return str(display()) if display else self.state_of(record)

    @functools.cached_property
    def labels(self) -> dict[str, str]:
        """This workflow's states as users read them: its state field's choices (the app's vocabulary)."""
        return {value: str(label) for value, label in self.model._meta.get_field(self.field_name).choices or ()}

    def available(self, user, record) -> list[Availability]:
        """Transitions leaving the current state, each with whether this user may fire it now and why not."""
        out = []
        now = timezone.now()
        for step, target in self._offered.get(self.state_of(record), ()):
            ctx = Context(user=user, role=step.role, now=now)
            error, reasons = self.refusals(record, step.name, ctx, with_comment=False)
            out.append(
                Availability(
                    name=step.name,
                    label=str(step.label),
                    role=step.role,
                    article=step.article,
                    allowed=not error,
                    reasons=reasons,
                    comment_required=step.comment_required,
                    dangerous=step.dangerous,
                    target=target,
                    target_label=self.labels.get(target, target),
                )
            )
        return out

    # --- doing it ----------------------------------------------------------------------------
    def apply(
        self,
        user,
        record,
        name: str,
        *,
        comment: str = "",
        data: dict | None = None,
        ip: str | None = None,
        expected_state: str | None = None,
    ):
        """Fire `name` on `record` as `user`; returns the fresh record. Raises WorkflowError when refused.

        The caller has already checked that `user` may see `record` (scope); here the row is locked
        and the state re-read, so of two simultaneous clicks the second finds the new state and is
        refused instead of applying twice.
        """
        step = self.steps.get(name)
        if step is None:
            raise WorkflowError("not_found", self.refusals(record, name, Context(user, ""))[1], 404)
        ctx = Context(user=user, role=step.role, comment=(comment or "").strip(), data=data or {}, ip=ip)
        with transaction.atomic():
            ctx.now = timezone.now()
            locked = self.model._base_manager.select_for_update().get(pk=record.pk)
            before = self.state_of(locked)
            if expected_state and before != expected_state:
                raise WorkflowError(
                    "conflict",
                    [
                        Reason(
                            "stale",
                            f"记录已被他人更改（当前状态：{self.state_label(locked)}），请刷新页面。",
                        )
                    ],
                    409,
                )
            error, reasons = self.refusals(locked, name, ctx)
            if error:
                raise WorkflowError(error, reasons, ERROR_STATUS[error])
            ctx.from_state = before
            with state_change():
                setattr(locked, self.field_name, step.target)
            if step.effect:
                step.effect(locked, ctx)
            locked.save()
            event = audit.record(
                f"{locked._meta.model_name}.{name}",
                actor=user,
                role=step.role,
                obj=locked,
                data={
                    "from": before,
                    "to": self.state_of(locked),
                    "comment": ctx.comment,
                    "article": step.article,
                    **ctx.audit_data,
                },
                ip=ip,
            )
            for hook in EVENT_HOOKS:  # e.g. notifications: queue the messages once this transaction commits
                hook(event)
        return locked


# Called with the audit event of every applied step, inside its transaction (ticms.notifications registers one).
EVENT_HOOKS: list = []


def register_committed_hook(hook) -> None:
    if hook not in EVENT_HOOKS:
        EVENT_HOOKS.append(hook)


# The longest comment a step keeps (an opinion, a reason for return or recusal): longer is a paste error.
MAX_COMMENT = 10_000

ERROR_STATUS = {"not_found": 404, "conflict": 409, "forbidden": 403, "invalid": 422}


def action_label(action: str) -> str:
    """The label of a transition from its audit action ("application.county_recommend" → its step label)."""
    model_name, _dot, name = action.partition(".")
    for flow in REGISTRY.values():
        if flow.model_label.rsplit(".", 1)[-1].lower() == model_name and name in flow.steps:
            return str(flow.steps[name].label)
    return ""
