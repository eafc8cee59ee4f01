"""Batch steps on the applications list: a county officer recommends several applications at once with one 意见,
the bureau passes several re-checks into expert review. Each application goes through `Workflow.apply` on its own
(its own lock, guards, audit event and transaction): one refusal never undoes or blocks the others."""

from __future__ import annotations

from dataclasses import dataclass, field

from ticms.accounts.roles import Role, require_role
from ticms.errors import ServiceError
from ticms.workflow.core import Reason, WorkflowError

from . import selectors
from .models import Application
from .workflow import APPLICATION_FLOW

# The steps a list may apply to many rows, with the role that applies them.
BATCH_STEPS = {"county_recommend": Role.COUNTY_OFFICER, "recheck_pass": Role.BUREAU_OFFICER}
MAX_BATCH = 100


@dataclass
class BatchOutcome:
    application_id: int
    application: Application | None
    done: bool
    reasons: list[Reason] = field(default_factory=list)


def batch_steps_for(user) -> list[tuple[str, str]]:
    """(step, label) of the batch steps the user's roles allow, for the list page."""
    return [(name, APPLICATION_FLOW.steps[name].label) for name, role in BATCH_STEPS.items() if user.has_role(role)]


def apply_to_many(
    *, actor, step: str, application_ids: list[int], comment: str = "", ip: str | None = None
) -> list[BatchOutcome]:
    """Apply `step` to each application in turn; returns what happened to each, in the order given."""
    role = BATCH_STEPS.get(step)
    if role is None:
        raise ServiceError("invalid_step", "该操作不能批量办理。", status=400)
    require_role(
        actor,
        role,
        doing=f"批量办理“{APPLICATION_FLOW.steps[step].label}”",
        article=APPLICATION_FLOW.steps[step].article,
    )
    ids = list(dict.fromkeys(application_ids))
    if not ids:
        raise ServiceError("nothing_selected", "请先勾选要办理的申请书。", field="ids")
    if len(ids) > MAX_BATCH:
        raise ServiceError("too_many", f"一次最多批量办理 {MAX_BATCH} 件。", field="ids")
    visible = {a.pk: a for a in selectors.applications_visible_to(actor).filter(pk__in=ids)}
    outcomes = []
    for pk in ids:
        app = visible.get(pk)
        if app is None:
            outcomes.append(BatchOutcome(pk, None, False, [Reason("not_found", "申请书不存在或无权查看。")]))
            continue
        try:
            app = APPLICATION_FLOW.apply(actor, app, step, comment=comment, ip=ip)
        except WorkflowError as exc:
            outcomes.append(BatchOutcome(pk, app, False, exc.reasons))
        else:
            outcomes.append(BatchOutcome(pk, app, True))
    return outcomes
