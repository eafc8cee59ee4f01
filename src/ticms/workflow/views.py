"""The one web view behind every workflow button (see endpoints.py for the path of a click)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.web.feedback import refusal_messages

from .core import WorkflowError
from .endpoints import ENDPOINTS, fire


@login_required
@require_POST
def transition(request, endpoint: str, pk: int, name: str = ""):
    ep = ENDPOINTS[endpoint]
    record = before = ep.load(request.user, pk)
    # A form offering several outcomes (one comment box, the outcome as a choice) names the step in the POST.
    name = name or request.POST.get("transition", "")
    if not name:  # the action panel posted without a choice (a browser that skips `required`)
        messages.error(request, "请先选择办理结果，再提交。")
        return redirect(ep.after(record))
    try:
        record = fire(ep, request.user, record, name, comment=request.POST.get("comment", ""),
                      expected_state=request.POST.get("expected_state"), data=request.POST.dict(),
                      ip=client_ip(request))
    except WorkflowError as exc:
        if exc.status == 403:
            raise PermissionDenied("；".join(str(r) for r in exc.reasons)) from exc
        refusal_messages(request, exc)
    except ServiceError as exc:
        refusal_messages(request, exc)
    else:
        told = ep.messages(name, before, record) if ep.messages else []
        for level, text in told or [("success", "")]:
            text = text or f"已完成：{ep.flow.steps[name].label}。当前状态：{ep.flow.state_label(record)}。"
            messages.add_message(request, getattr(messages, level.upper()), text)
    return redirect(ep.after(record))
