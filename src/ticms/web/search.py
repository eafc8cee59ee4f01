"""站内搜索: one box on the public portal over what the public may read — calls, published notices (and the
names on them), and the directory of centers. Each kind is searched through its own public scope, so the search
finds nothing a visitor could not open; a few rows per kind, with a link to the filtered list for the rest."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse

from ticms.calls.models import Call
from ticms.centers.models import Center
from ticms.notices.models import PublicNotice

from .routes import page

PER_KIND = 10
MAX_QUERY = 50
# Searched as a visitor sees the site, whoever is signed in: the portal is public.
PUBLIC = AnonymousUser()


def _calls(q: str):
    return Call.objects.visible_to(PUBLIC).filter(Q(title__icontains=q) | Q(text__icontains=q)).order_by("-opens")


def _notices(q: str):
    named = Q(title__icontains=q) | Q(items__center_name__icontains=q) | Q(items__organisation_name__icontains=q)
    return PublicNotice.objects.visible_to(PUBLIC).filter(named).distinct().order_by("-published_at", "-pk")


def _centers(q: str):
    return Center.objects.public().filter(
        Q(official_name__icontains=q) | Q(host_unit__name__icontains=q) | Q(lead_unit__name__icontains=q)
        | Q(field__icontains=q)
    ).order_by("official_name")


@page("search/")
def site_search(request):
    q = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    sections = []
    if q:
        for kind, title, qs, url_name in (
            ("calls", "建设通知", _calls(q), "call_list"),
            ("notices", "公示公告", _notices(q), "notices:notice_list"),
            ("centers", "创新中心名录", _centers(q), "centers:directory"),
        ):
            rows = list(qs[:PER_KIND + 1])
            sections.append({"kind": kind, "title": title, "rows": rows[:PER_KIND], "more": len(rows) > PER_KIND,
                             "more_url": f"{reverse(url_name)}?{urlencode({'q': q})}"})
    return render(request, "web/search.html", {"q": q, "sections": sections,
                                               "found": sum(len(s["rows"]) for s in sections)})
