"""The public home page: its entry points, and a registry where apps add a card of current items (open calls,
notices, centers …).

    from django.utils.html import format_html
    from ticms.web import home

    def open_calls(request):
        calls = Call.objects.open_now().order_by("-opens")[:5]
        return home.HomeSection(
            title="Open calls",
            items=[format_html('<a href="{}">{}</a>', c.get_absolute_url(), c.title) for c in calls],
            url="/calls/",
        )

    home.register(open_calls)   # in AppConfig.ready()

A provider takes the request and returns a `HomeSection`, a (title, items) or (title, items, url) tuple, or
None to show nothing. Items are HTML-safe strings (build them with format_html); they are shown as a list.
The page is public and shown to everyone: providers must only return public data and use bounded queries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.shortcuts import render

from ticms.web.providers import Providers
from ticms.web.routes import page


class HomeSection(NamedTuple):
    title: str
    items: list
    url: str = ""


Provider = Callable[[object], "HomeSection | tuple | None"]
_providers = Providers()
register = _providers.register
unregister = _providers.unregister


def sections_for(request) -> list[HomeSection]:
    out = []
    for provider in _providers:
        result = provider(request)
        if result:
            out.append(result if isinstance(result, HomeSection) else HomeSection(*result))
    return out


# The public entry points (cards on the home page). Plain paths: the apps behind them own their URL names.
HOME_LINKS = [
    ("/calls/", "建设通知", "市科技局发布的建设通知及申报方式。", "第九条第（一）项"),
    ("/notices/", "公示公告", "拟认定市创中心的公示，可在公示期内提出异议。", "第九条第（四）项"),
    ("/centers/", "创新中心名录", "已认定和筹建的市技术创新中心。", "第九条第（四）项、第十一条"),
    ("/eligibility/", "资格自评", "对照组建条件检查本单位是否符合。", "第八条"),
    ("/policy/", "政策参数", "管理办法中的各项参数，每项均注明条款。", "第一条、第十八条"),
]


@page("")
def home(request):
    return render(
        request,
        "web/home.html",
        {"links": HOME_LINKS, "sections": sections_for(request)},
    )
