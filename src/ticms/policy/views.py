"""The measures as the system applies them (public), and the working-day calendar (system administrator)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from ticms.errors import ServiceError
from ticms.web.routes import page

from . import calendar, services
from .forms import CalendarYearForm
from .loader import Parameter, PolicyError, current_policy
from .rules import rule_catalogue, wan

EXPIRY_WARNING_DAYS = 180


def display_value(parameter: Parameter, value) -> str:
    if parameter.unit == "yuan":
        return f"{wan(value)}（{Decimal(value):,.0f}元）"
    if parameter.unit == "list":
        return "、".join(value)
    if parameter.unit == "day_unit":
        return {"working": "工作日", "calendar": "自然日"}.get(value, value)
    if parameter.unit == "pattern":
        # "朔州市{field}技术创新中心" as the measures word it: ×× stands for the center's field
        return f"{str(value).replace('{field}', '××')}（××为所属产业领域）"
    label = parameter.unit_label
    return f"{value}{label}" if label else str(value)


@page("policy/", name="policy")
def policy_page(request):
    today = timezone.localdate()
    try:
        policy = current_policy()
    except PolicyError as exc:
        return render(request, "policy/policy.html", {"error": str(exc)}, status=503)
    parameters = []
    for p in policy.parameters.values():
        value = p.value_on(today) if p.effective_since(today) else p.values[0][1]
        since = p.effective_since(today) or p.values[0][0]
        parameters.append({"p": p, "value": display_value(p, value), "since": since})
    days_left = policy.days_to_expiry(today)
    context = {
        "policy": policy,
        "today": today,
        "parameters": parameters,
        "rules": rule_catalogue(policy, max(today, policy.effective_from)),
        "days_left": days_left,
        "expired": days_left < 0,
        "expiring": 0 <= days_left < EXPIRY_WARNING_DAYS,
        "not_yet": today < policy.effective_from,
        "indicator_total": sum(i.max for i in policy.review_indicators),
    }
    return render(request, "policy/policy.html", context)


@page("calendar/")
@login_required
def calendar_admin(request):
    if not request.user.has_role("system_admin"):
        raise PermissionDenied
    errors: list[str] = []
    form = CalendarYearForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            year = form.cleaned_data["year"]
            try:
                days = services.parse_schedule(form.cleaned_data["schedule_text"], year)
                services.import_year(year, days, request.user, source=form.cleaned_data.get("source") or "")
            except ServiceError as exc:
                errors = exc.detail if isinstance(exc.detail, list) else [str(exc.detail)]
            else:
                messages.success(request, f"{year}年的节假日安排已保存。")
                return redirect("calendar_admin")
    context = {
        "form": form,
        "errors": errors,
        "years": calendar.known_years(),
        "first_unknown": calendar.first_unknown_year(),
    }
    return render(request, "policy/calendar.html", context, status=422 if (errors or form.errors) else 200)
