"""The Jinja2 side of our templates: the list component and the rows of every list (`<app>/jinja2/`).

Why two engines. A list page draws its rows, its filter bar, its sortable header and its pager: some 700 template
nodes, the same on every request. Django's engine resolves each variable through its lookup, localisation and
escaping machinery, about 15 µs a variable, which made a list page of 25 rows cost 20 ms of CPU, three quarters of
it in templates (issue 15: list pages served at 0.2–0.3 × the throughput of a bare Django list). Jinja2 compiles a
template to Python and draws the same rows in a fraction of that time. Pages stay Django templates (DESIGN §8):
their blocks, {% url %}, {% csrf_token %}, messages and tags are where people read and change the page; only the
component drawn on every list page, and its rows, are Jinja2, included from a Django page with
`{% jinja "web/list/table.jinja" %}` (ticms.web.templatetags.ticms).

What a row template can use, the same names as in Django templates where they exist:
- globals: `url(name, *args)`, `state_badge(code, label="")`;
- filters: `date(format)` (Django's format letters, in Asia/Shanghai), `zh_date`, `wan_yuan`, `citation`,
  `role_label`, `state_label`, `state_colour`, and `row|display("kind")` for Django's `row.get_kind_display` (the
  same label, without rebuilding the choices on every row: web.labels.choice_label);
- Jinja2 itself: `x or "—"` where Django writes `x|default:"—"`.
Autoescaping is on, and Django's safe strings stay safe (they carry `__html__`).
"""

from __future__ import annotations

from django.template.defaultfilters import date as django_date
from django.utils.timezone import template_localtime
from jinja2 import Environment, Undefined

from ticms.pages import fill_url
from ticms.web.labels import choice_label, state_badge

# The formats lists use, as strftime: Django's formatter parses the format letter by letter on every call, the
# larger part of a row's cost.
_STRFTIME = {"Y-m-d": "%Y-%m-%d", "Y-m-d H:i": "%Y-%m-%d %H:%M", "Y-m-d H:i:s": "%Y-%m-%d %H:%M:%S"}


def date(value, fmt: str = "") -> str:
    """Django's `date` filter, after the conversion to local time Django's engine does for it."""
    if not value:
        return ""
    value = template_localtime(value)
    fast = _STRFTIME.get(fmt)
    return value.strftime(fast) if fast and hasattr(value, "strftime") else django_date(value, fmt)


def environment(**options) -> Environment:
    from ticms.web.templatetags import ticms as filters  # the filters Django pages use, under the same names

    # Django's backend asks for DebugUndefined when DEBUG is on, which prints a missing name as its expression:
    # the demo would then show text production never shows. A missing name is empty in both, as in Django's engine.
    options["undefined"] = Undefined
    env = Environment(**options)
    env.globals.update(url=fill_url, state_badge=state_badge)  # url(): reversed once per route (ticms.pages)
    env.filters.update(date=date, zh_date=filters.zh_date, role_label=filters.role_label, wan_yuan=filters.wan_yuan,
                       citation=filters.citation, state_label=filters.state_label, state_colour=filters.state_colour,
                       display=choice_label)
    return env
