"""The directory's card on the public home page: the latest recognised centers (public fields only)."""

from __future__ import annotations

from django.utils.html import format_html

from ticms.web.home import HomeSection

from .models import CenterStatus
from .selectors import public_centers


def recent_centers(request) -> HomeSection | None:
    centers = list(public_centers().exclude(status=CenterStatus.REVOKED)[:5])
    if not centers:
        return None
    items = [format_html('<a href="{}">{}</a>（{}）', c.get_public_url(), c.official_name, c.get_status_display())
             for c in centers]
    return HomeSection(title="市技术创新中心名录", items=items, url="/centers/")
