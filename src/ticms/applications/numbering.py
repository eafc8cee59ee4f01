"""申报编号: SZCX-<year of its call>-<per-year sequence, four digits>, e.g. SZCX-2026-0004.

The sequence is a counter row per year, bumped with one UPDATE (a row lock on PostgreSQL; SQLite writes one at a
time), inside the transaction that inserts the application, so two simultaneous creations never get the same
number; the unique constraint on `Application.number` is the last guard.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

PREFIX = "SZCX"


def format_number(year: int, seq: int) -> str:
    return f"{PREFIX}-{year}-{seq:04d}"


def next_number(year: int) -> str:
    from .models import ApplicationSequence

    with transaction.atomic():
        if not ApplicationSequence.objects.filter(year=year).update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    ApplicationSequence.objects.create(year=year, last=1)
            except IntegrityError:  # another creation made the row first: bump it
                ApplicationSequence.objects.filter(year=year).update(last=F("last") + 1)
        last = ApplicationSequence.objects.filter(year=year).values_list("last", flat=True).get()
    return format_number(year, last)
