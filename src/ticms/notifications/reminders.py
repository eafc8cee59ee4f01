"""Reminders of deadlines from the policy and the records, at the lead times of the policy file's `reminders:`
section; each reminder goes once per person, deadline and lead time, however often `ticms tick` runs.

A deadline `d` with lead times (7, 1) is reminded on the first run when 7 ≥ days left > 1 (the 7-day reminder) and
again when 1 ≥ days left ≥ 0 (the 1-day reminder). A tick that missed days sends only the nearest lead time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.applications.models import Application
from ticms.evaluations.models import Evaluation, EvaluationState, Rectification, RectificationState
from ticms.evaluations.schedule import due_centers
from ticms.notices.models import NoticeState, PublicNotice
from ticms.policy.calendar import first_unknown_year
from ticms.policy.loader import PolicyError, current_policy
from ticms.reviews.models import Assignment, Panel

from .posting import post, send_pending
from .recipients import audience_users
from .rules import REMINDER_LABELS

DEFAULTS = {"lead_days": [7, 1], "opinion_days": 10}


def validate_reminders_section(section) -> None:
    """Called by the policy loader: a bad `reminders:` section fails the whole file at load time."""
    if not isinstance(section, dict):
        raise PolicyError(None, "reminders", "must be a mapping")
    known = {"lead_days", "lead_days_by_kind", "opinion_days"}
    for key in section:
        if key not in known:
            raise PolicyError(None, f"reminders.{key}", f"unknown key (known: {', '.join(sorted(known))})")
    _check_leads(section.get("lead_days", DEFAULTS["lead_days"]), "reminders.lead_days")
    by_kind = section.get("lead_days_by_kind", {}) or {}
    if not isinstance(by_kind, dict):
        raise PolicyError(None, "reminders.lead_days_by_kind", "must be a mapping")
    for kind, leads in by_kind.items():
        if kind not in REMINDER_LABELS:
            raise PolicyError(None, f"reminders.lead_days_by_kind.{kind}",
                              f"unknown reminder (known: {', '.join(REMINDER_LABELS)})")
        _check_leads(leads, f"reminders.lead_days_by_kind.{kind}")
    days = section.get("opinion_days", DEFAULTS["opinion_days"])
    if isinstance(days, bool) or not isinstance(days, int) or days <= 0:
        raise PolicyError(None, "reminders.opinion_days", f"must be a positive whole number, not {days!r}")


def _check_leads(leads, key: str) -> None:
    if (not isinstance(leads, list) or not leads
            or any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in leads)):
        raise PolicyError(None, key, "must be a non-empty list of whole numbers of days (0 or more)")


def _section() -> dict:
    return current_policy().raw.get("reminders") or {}


def lead_days(kind: str) -> list[int]:
    section = _section()
    leads = (section.get("lead_days_by_kind") or {}).get(kind) or section.get("lead_days") or DEFAULTS["lead_days"]
    return sorted(set(leads), reverse=True)


def opinion_due(panel) -> datetime.date:
    """When a drawn expert's opinion is due: the defence (or site visit) if the panel has one, otherwise the
    policy's `opinion_days` after the draw."""
    when = panel.defence_at or panel.site_visit_at
    if when:
        return timezone.localdate(when)
    days = _section().get("opinion_days", DEFAULTS["opinion_days"])
    return timezone.localdate(panel.drawn_at) + datetime.timedelta(days=days)


def event_lines(event, record) -> list[str]:
    """Extra lines a message about `event` carries (an expert is told when the opinion is due)."""

    if isinstance(record, Panel):
        lines = [f"评审对象：{record.subject_title}" if record.subject_title else ""]
        lines.append(f"意见提交截止：{opinion_due(record):%Y年%m月%d日}")
        return [line for line in lines if line]
    return []


def due_lead(deadline: datetime.date, today: datetime.date, leads: list[int]) -> int | None:
    """The lead time a reminder is due for today, or None (too early, or the deadline has passed)."""
    left = (deadline - today).days
    if left < 0:
        return None
    candidates = [lead for lead in leads if lead >= left]
    return min(candidates) if candidates else None


@dataclass
class Deadline:
    kind: str
    key: str  # the object, stable across runs
    deadline: datetime.date
    subject: str
    url: str
    users: object  # a queryset or list of users


def _users_of(record, audience: str):
    return audience_users(record, audience)


def _bureau():
    return get_user_model().objects.filter(memberships__role=Role.BUREAU_OFFICER, is_active=True).distinct()


def deadlines(today: datetime.date) -> Iterator[Deadline]:
    horizon = today + datetime.timedelta(days=max(max(lead_days(k)) for k in REMINDER_LABELS))
    for app in (Application.objects.filter(state__in=["draft", "returned"], call__closes__gte=today,
                                           call__closes__lte=horizon).select_related("call")):
        yield Deadline("call_closing", f"application:{app.pk}", app.call.closes, f"{app.call}（{app}）",
                       app.get_absolute_url(), _users_of(app, "applicants"))
    for ev in (Evaluation.objects.filter(state__in=[EvaluationState.MATERIALS_PENDING, EvaluationState.RETURNED],
                                         round__materials_deadline__gte=today,
                                         round__materials_deadline__lte=horizon).select_related("round", "center")):
        yield Deadline("materials_due", f"evaluation:{ev.pk}", ev.round.materials_deadline, str(ev.center),
                       ev.get_absolute_url(), _users_of(ev, "applicants"))
    pending = (Assignment.objects.filter(active=True, panel__closed_at__isnull=True, opinion__isnull=True,
                                         expert__user__isnull=False).select_related("panel", "expert__user"))
    for assignment in pending:
        due = opinion_due(assignment.panel)
        if today <= due <= horizon:
            yield Deadline("opinion_due", f"assignment:{assignment.pk}", due,
                           assignment.panel.subject_title or str(assignment.panel), "/reviews/mine/",
                           [assignment.expert.user])
    for notice in PublicNotice.objects.filter(state=NoticeState.PUBLISHED, ends_on__gte=today, ends_on__lte=horizon):
        yield Deadline("notice_ending", f"notice:{notice.pk}", notice.ends_on, str(notice), "", _bureau())
    for rect in (Rectification.objects.filter(state=RectificationState.PENDING_REPORT, deadline__gte=today,
                                              deadline__lte=horizon).select_related("evaluation__center")):
        yield Deadline("rectification_due", f"rectification:{rect.pk}", rect.deadline,
                       str(rect.evaluation.center), rect.evaluation.get_absolute_url(), _users_of(rect, "applicants"))
    yield from _evaluation_due(today, horizon)
    policy = current_policy()
    yield Deadline("policy_expiry", f"policy:{policy.jurisdiction}", policy.expires_on, policy.title, "/policy/",
                   _bureau())
    yield from _holiday_calendar(today)


def _evaluation_due(today, horizon) -> Iterator[Deadline]:
    for year in sorted({today.year, horizon.year}):
        for center, due in due_centers(year):
            if today <= due <= horizon:
                yield Deadline("evaluation_due", f"center:{center.pk}", due, str(center.official_name),
                               center.get_absolute_url(), _bureau())


def _holiday_calendar(today) -> Iterator[Deadline]:
    if first_unknown_year(today.year) == today.year + 1:
        admins = get_user_model().objects.filter(memberships__role=Role.SYSTEM_ADMIN, is_active=True).distinct()
        yield Deadline("holiday_calendar", f"calendar:{today.year + 1}", datetime.date(today.year, 12, 31),
                       f"{today.year + 1}年节假日安排", "/calendar/", admins)


def run(today: datetime.date | None = None) -> dict:
    """Send every reminder due today; returns counts. Safe to run any number of times a day."""

    today = today or timezone.localdate()
    sent = []
    for d in deadlines(today):
        lead = due_lead(d.deadline, today, lead_days(d.kind))
        if lead is None:
            continue
        left = (d.deadline - today).days
        label = REMINDER_LABELS[d.kind]
        when = "今天" if left == 0 else f"还有 {left} 天"
        title = f"{label}：{d.subject}（{d.deadline:%Y年%m月%d日}，{when}）"
        body = f"{d.subject}\n事项：{label}\n截止日期：{d.deadline:%Y年%m月%d日}（{when}）"
        key = f"{d.kind}:{d.key}:{d.deadline.isoformat()}:{lead}"
        for user in d.users:
            message = post(recipient=user, kind=f"reminder.{d.kind}", title=title, body=body, url=d.url,
                           reminder_key=key)
            if message is not None:
                sent.append(message)
    send_pending(sent)
    return {"reminders": len(sent)}
