"""站内消息 (the inbox, mark read, follow the link), 消息设置 (channels per kind), and for the system admin
定时任务 (scheduled jobs, run one now) and 消息发送失败 (deliveries that failed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ticms.accounts.roles import Role
from ticms.web.routes import page

from . import jobs, services
from .models import Channel, Delivery, DeliveryStatus, Message, Preference
from .posting import DEFAULT_ON
from .rules import all_kinds

PAGE_SIZE = 30


@page("messages/")
@login_required
def inbox(request):
    qs = Message.objects.filter(recipient=request.user).only(
        "pk", "title", "kind", "created_at", "read_at", "url")
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html",
                  {"page": page, "unread_only": unread_only, "unread": services.unread_count(request.user)})


@page("messages/settings/")
@login_required
def preferences(request):
    if request.method == "POST":
        choices: dict[str, set[str]] = {}
        for kind, _label, _mandatory in all_kinds():
            choices[kind] = {c for c, _l in OUTSIDE if request.POST.get(f"{kind}:{c}") == "on"}
        services.set_preferences(user=request.user, choices=choices)
        messages.success(request, "消息接收设置已保存。")
        return redirect("notifications:preferences")
    chosen = {(p.kind, p.channel): p.enabled for p in Preference.objects.filter(user=request.user)}
    rows = []
    for kind, label, mandatory in all_kinds():
        cells = [(c, clabel, mandatory or chosen.get((kind, str(c)), DEFAULT_ON[c])) for c, clabel in OUTSIDE]
        rows.append({"kind": kind, "label": label, "mandatory": mandatory, "cells": cells})
    return render(request, "notifications/preferences.html", {
        "rows": rows, "has_email": bool(request.user.email), "has_phone": bool(request.user.phone)})


@page("messages/read-all/")
@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, f"已将 {count} 条消息标为已读。")
    return redirect("notifications:inbox")


def _own(request, pk: int) -> Message:
    return get_object_or_404(Message, pk=pk, recipient=request.user)


@page("messages/<int:pk>/", name="message")
@login_required
def message_detail(request, pk: int):
    message = services.mark_read(user=request.user, message=_own(request, pk))
    return render(request, "notifications/message.html", {"message": message})


@page("messages/<int:pk>/open/", name="open")
@login_required
def message_open(request, pk: int):
    """Follow a message's link: marks it read and goes to the record."""
    message = services.mark_read(user=request.user, message=_own(request, pk))
    if message.url and url_has_allowed_host_and_scheme(message.url, allowed_hosts=None):
        return redirect(message.url)
    return redirect("notifications:message", pk=message.pk)


@page("messages/<int:pk>/read/")
@login_required
@require_POST
def mark_read(request, pk: int):
    services.mark_read(user=request.user, message=_own(request, pk))
    return redirect(request.POST.get("next") if url_has_allowed_host_and_scheme(
        request.POST.get("next"), allowed_hosts=None) else "notifications:inbox")


OUTSIDE = [(Channel.EMAIL, "电子邮件"), (Channel.SMS, "短信")]


def _system_admin(request) -> None:
    if not request.user.has_role(Role.SYSTEM_ADMIN):
        raise PermissionDenied


@page("system/jobs/", name="jobs")
@login_required
def job_list(request):
    _system_admin(request)
    rows = {row.name: row for row in jobs.ScheduledJob.objects.all()}
    stale = {job.name for job, _row in jobs.stale_jobs()}
    items = [{"job": job, "row": rows.get(name), "stale": name in stale} for name, job in jobs.JOBS.items()]
    return render(request, "notifications/jobs.html", {"items": items})


@page("system/jobs/<str:name>/run/")
@login_required
@require_POST
def job_run(request, name: str):
    _system_admin(request)
    if name not in jobs.JOBS:
        raise PermissionDenied
    try:
        result = jobs.run_job(name)
    except Exception as exc:  # noqa: BLE001 - shown to the admin and kept as the job's last result
        messages.error(request, f"“{jobs.JOBS[name].label}”运行失败：{exc}")
    else:
        messages.success(request, f"“{jobs.JOBS[name].label}”已运行：{result}")
    return redirect("notifications:jobs")


@page("system/deliveries/", name="deliveries")
@login_required
def delivery_list(request):
    """Deliveries that failed or were given up. Shows channel, address, error and retries — not the message
    text, which is business data the system admin does not need (separation of duties)."""
    _system_admin(request)
    qs = (Delivery.objects.filter(status__in=[DeliveryStatus.FAILED, DeliveryStatus.GAVE_UP])
          .select_related("message__recipient").only(
              "pk", "channel", "address", "status", "attempts", "last_error", "next_attempt_at",
              "message__kind", "message__created_at", "message__recipient__username",
              "message__recipient__display_name"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/deliveries.html", {"page": page})
