"""When a center is due for evaluation (Art. 16: every three years after recognition; Art. 11 preparatory).

A recognised center is due on each anniversary `cycle_years`, 2×`cycle_years` … years after its recognition;
a preparatory center (Art. 11) every `preparatory_review_years` (the measures leave this open: policy choice).
A round of year Y covers the centers with a due date in Y.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.db.models import Min
from django.db.models.functions import ExtractDay

from ticms.centers.models import DUE_ON_CYCLE, DUE_ON_PREPARATORY, Center, CenterStatus, due_cohort
from ticms.policy import current_policy

from .indicators import IndicatorSystem, load_indicator_system


def add_years(start: date, years: int) -> date:
    """`start` plus whole years. 29 February falls on 28 February in a common year.

    We follow the Civil Code (民法典 第二百零二条): a period counted in years ends on the corresponding day of
    the final month, and when that month has no such day, on its last day — 28 February, not 1 March. So a
    center recognised on 29 February 2024 is due on 28 February 2027, never slipping into the next month.
    """
    year = start.year + years
    last = calendar.monthrange(year, start.month)[1]
    return date(year, start.month, min(start.day, last))


def cycle_years(on: date | None = None) -> int:
    return int(current_policy().param("evaluation_cycle_years", on=on))


def interval_years(center: Center, system: IndicatorSystem, cycle: int) -> int:
    if center.status == CenterStatus.PREPARATORY:
        return system.preparatory_review_years
    return cycle


def due_on_in_year(center: Center, year: int, *, system: IndicatorSystem, cycle: int) -> date | None:
    """The center's due date falling in `year`, or None (not due that year; a center recognised in `year`
    itself — for instance while the round runs — is never due in it)."""
    if center.status == CenterStatus.REVOKED:
        return None
    step = interval_years(center, system, cycle)
    elapsed = year - center.recognized_on.year
    if elapsed <= 0 or elapsed % step:
        return None
    return add_years(center.recognized_on, elapsed)


def next_due_on(center: Center, *, after: date, system: IndicatorSystem | None = None,
                cycle: int | None = None) -> date | None:
    system = system or load_indicator_system()
    cycle = cycle or cycle_years(after)
    if center.status == CenterStatus.REVOKED:
        return None
    step = interval_years(center, system, cycle)
    n = step
    while True:
        due = add_years(center.recognized_on, n)
        if due >= after:
            return due
        n += step


def due_cohorts(year: int, *, cycle: int, preparatory: int, first_year: int) -> list[int]:
    """The cohorts due in `year`: recognised a whole number (≥ 1) of their interval before it, from `first_year`."""
    return [due_cohort(y, kind) for step, kind in ((cycle, DUE_ON_CYCLE), (preparatory, DUE_ON_PREPARATORY))
            for y in range(year - step, first_year - 1, -step)]


def due_queryset(year: int, *, system: IndicatorSystem | None = None, queryset=None):
    """Centers due in `year`, in due-date order, as a query. Each center stores its cohort (recognition year and
    interval) and its due month and day (Center.due_fields), so the database reads the cohorts due from one index and
    walks the centers in due order on another: a page of them and their count cost the same however large the
    registry is. One more query finds the earliest recognition year, where the cohorts start. The due date itself is
    `due_on_in_year` of each row shown (`with_due_dates`)."""
    system = system or load_indicator_system()
    qs = queryset if queryset is not None else Center.objects.all()
    first = Center.objects.aggregate(first=Min("due_cohort"))["first"]
    if first is None:
        return qs.none()
    cohorts = due_cohorts(year, cycle=cycle_years(date(year, 1, 1)), preparatory=system.preparatory_review_years,
                          first_year=first // 10)
    # In a common year 29 February falls on the 28th, the stored due day; in a leap year it stays on the 29th,
    # after that day's centers of the 28th.
    leap_day = [ExtractDay("recognized_on")] if calendar.isleap(year) else []
    return qs.filter(due_cohort__in=cohorts).order_by("due_month", "due_day", *leap_day, "official_name", "pk")


def with_due_dates(centers, year: int) -> list[tuple[Center, date]]:
    """(center, due date) for rows of `due_queryset(year)` (e.g. one page of it)."""
    return [(c, add_years(c.recognized_on, year - c.recognized_on.year)) for c in centers]


def due_centers(year: int, *, system: IndicatorSystem | None = None, queryset=None) -> list[tuple[Center, date]]:
    """Every center due in `year` with its due date, in due-date order (opening a round needs them all)."""
    qs = due_queryset(year, system=system, queryset=queryset).select_related("host_unit")
    return with_due_dates(qs, year)
