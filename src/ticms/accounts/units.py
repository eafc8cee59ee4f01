"""The competent units (归口管理单位) as every list's county filter offers them.

A table of a dozen rows that changes once in years, read to draw the filter on every list page: it is kept in the
cache for five minutes and dropped whenever a unit is saved or deleted (in this process; with a shared cache,
TICMS_CACHE_URL, in every process; otherwise another worker shows a new unit within five minutes).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from .models import CompetentUnit

CACHE_KEY = "accounts:competent_units"
KEEP_SECONDS = 300


def competent_units() -> list[CompetentUnit]:
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = list(CompetentUnit.objects.all())
        cache.set(CACHE_KEY, rows, KEEP_SECONDS)
    return rows


def _forget(**_kwargs) -> None:
    cache.delete(CACHE_KEY)


post_save.connect(_forget, sender=CompetentUnit, dispatch_uid="ticms_units_saved")
post_delete.connect(_forget, sender=CompetentUnit, dispatch_uid="ticms_units_deleted")
