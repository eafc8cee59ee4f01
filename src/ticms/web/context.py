"""Template context every page gets (TEMPLATES context_processors in settings)."""

from __future__ import annotations

from django.conf import settings

# (label, setting): the site footer as government websites must show it; an empty setting is left out.
FOOTER = (
    ("主办单位", "TICMS_SITE_SPONSOR"),
    ("ICP备案号", "TICMS_SITE_ICP"),
    ("网站标识码", "TICMS_SITE_ID"),
    ("联系方式", "TICMS_SITE_CONTACT"),
)


def footer_items() -> list[tuple[str, str]]:
    """Settings only, no request and no query: the 500 page uses it too."""
    items = []
    for label, name in FOOTER:
        value = str(getattr(settings, name, "") or "").strip()
        if value:
            items.append((label, value))
    return items


def site(request) -> dict:
    return {"site_footer": footer_items()}
