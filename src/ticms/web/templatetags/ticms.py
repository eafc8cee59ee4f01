"""Filters shared by every page: money in 万元, Chinese dates, role and state labels, badge colours.

{% load ticms %}
{{ application.equipment_value|wan_yuan }}   → 236.50 万元
{{ notice.starts_on|zh_date }}               → 2025年9月26日
{{ membership.role|role_label }}             → 市科技局工作人员
{{ application|state_label }} or {{ "submitted"|state_label }}
{{ "submitted"|state_colour }}               → a Bootstrap colour name (primary, success, …)
{{ action_url|transition_url:"submit" }}     → action_url with "{name}" replaced by "submit"
{{ reason.article|citation }}                → 第九条第（四）项 (the one way an article is shown)
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.money import wan_text
from ticms.policy.citation import cite
from ticms.web.labels import STATE_COLOURS
from ticms.web.labels import action_label as _action_label
from ticms.web.labels import role_label as _role_label
from ticms.web.labels import state_badge as _state_badge
from ticms.web.labels import state_code_label as _state_code_label

register = template.Library()


@register.filter
def wan_yuan(value) -> str:
    """Yuan (Decimal, int, float or numeric string) → “123.45 万元”; empty values → “—”."""
    if value is None or value == "":
        return "—"
    amount = wan_text(value)
    if amount == str(value) and not str(value).replace(".", "", 1).isdigit():
        return amount
    return f"{amount} 万元"


@register.filter
def zh_date(value) -> str:
    """A date (or aware datetime, shown in Asia/Shanghai) → “2025年9月26日”."""
    if not value:
        return "—"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, datetime.date):
        return str(value)
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def role_label(value) -> str:
    return _role_label(str(value)) if value else ""


@register.filter
def state_label(value, arg: str = "") -> str:
    """A record (its `get_<arg or "state">_display`), or a state code read in the workflow of the record type `arg`
    names (`{{ e.data.from|state_label:e.object_type }}`: the same code differs between workflows)."""
    if value is None or value == "":
        return ""
    display = getattr(value, f"get_{arg or 'state'}_display", None)
    if callable(display):
        return str(display())
    return _state_code_label(str(value), arg)


@register.filter
def state_colour(value) -> str:
    return STATE_COLOURS.get(str(value), "secondary")


@register.simple_tag
def state_badge(state, label="") -> str:
    """`{% state_badge code label %}`: web.labels.state_badge, the badge Jinja2 rows draw too."""
    return _state_badge(state, label)


@register.filter
def transition_url(pattern: str, name: str) -> str:
    return str(pattern).replace("{name}", str(name))


@register.simple_tag
def user_role_labels(user) -> list[str]:
    """The signed-in user's roles as labels, in the order of the Role choices."""

    held = getattr(user, "role_set", frozenset())
    return [str(r.label) for r in Role if r.value in held]


@register.filter
def action_label(value) -> str:
    """An audit action as users read it: 县级推荐 rather than application.county_recommend."""
    return _action_label(str(value)) if value else ""


@register.filter
def citation(value) -> str:
    """An article code ("9(4)") → “第九条第（四）项”; empty → ""."""
    return cite(str(value)) if value else ""


@register.simple_tag(takes_context=True)
def page_title(context) -> str:
    """The text of the page's own {% block title %}, for the last breadcrumb (a block renders only once where it
    stands, so the layout reads the most-derived one here)."""
    from django.template.loader_tags import BLOCK_CONTEXT_KEY
    from django.utils.html import strip_tags

    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = blocks.get_block("title") if blocks else None
    return " ".join(strip_tags(block.nodelist.render(context)).split()) if block else ""


@register.filter
def layout_for(user, role: str) -> str:
    """`{% extends user|layout_for:"bureau_officer" %}`: a public page that this role also works on (a notice the
    bureau publishes) shows the back office to it and the portal to everyone else."""
    held = getattr(user, "role_set", frozenset()) if getattr(user, "is_authenticated", False) else frozenset()
    return "web/backoffice.html" if role in held else "web/base.html"


@register.filter
def chosen_url(pattern: str) -> str:
    """The action panel's one URL: ".../transitions/{name}/" without the step (it is the chosen radio)."""
    return str(pattern).replace("{name}/", "")


@register.simple_tag
def panel_choices(transitions, user):
    """The action panel's outcomes: those of roles the user holds (`.choices`), and how many are allowed now."""
    from types import SimpleNamespace

    held = getattr(user, "role_set", frozenset())
    choices = [t for t in transitions or () if t.role in held]
    return SimpleNamespace(choices=choices, allowed=sum(1 for t in choices if t.allowed))


@register.simple_tag(takes_context=True)
def jinja(context, template_name: str, **extra):
    """`{% jinja "web/list/table.jinja" rows=page_obj %}`: a Jinja2 template (ticms.web.jinja) drawn with this
    page's context and the given names."""
    from django.template import engines
    from django.utils.safestring import mark_safe

    template = engines["jinja2"].env.get_template(template_name)
    return mark_safe(template.render({**context.flatten(), **extra}))
