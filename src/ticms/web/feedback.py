"""One way to tell a user on a page why an action was refused: one message per reason or per problem."""

from __future__ import annotations

from django.contrib import messages

from ticms.errors import ServiceError
from ticms.workflow.core import WorkflowError


def refusal_messages(request, exc: WorkflowError | ServiceError) -> None:
    """Each workflow reason (with its article), or each problem of a service error, as an error message. The
    problems' keys are field names for programs; the sentences already name the field for people."""
    if isinstance(exc, WorkflowError):
        for reason in exc.reasons:
            messages.error(request, f"未能执行：{reason}")
    elif isinstance(exc.detail, dict):
        for msg in exc.detail.values():
            messages.error(request, str(msg))
    else:
        messages.error(request, str(exc.detail))
