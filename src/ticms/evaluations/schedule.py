"""When a center is due for evaluation (Art. 16: every three years after recognition; Art. 11 preparatory).

A recognised center is due on each anniversary `cycle_years`, 2×`cycle_years` … years after its recognition;
a preparatory center (Art. 11) every `preparatory_review_years` (the measures leave this open: policy choice).
A round of year Y covers the centers with a due date in Y.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.db.models import Q

from ticms.centers.models import Center, CenterStatus

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
    from ticms.policy import current_policy

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


def due_centers(year: int, *, system: IndicatorSystem | None = None, queryset=None) -> list[tuple[Center, date]]:
    """Centers due in `year` with their due dates, in due-date order."""
    system = system or load_indicator_system()
    cycle = cycle_years(date(year, 1, 1))
    qs = queryset if queryset is not None else Center.objects.all()
    # Only the recognition years a multiple of the interval before `year` can be due: filter them in the
    # database so the workbench does not walk the whole registry (bench: 2,000 centers, 155 ms → a few ms).
    prep = system.preparatory_review_years
    years_for = {step: [year - k * step for k in range(1, 200 // step + 1)] for step in {cycle, prep}}
    qs = qs.filter(
        Q(status=CenterStatus.PREPARATORY, recognized_on__year__in=years_for[prep])
        | (~Q(status__in=[CenterStatus.PREPARATORY, CenterStatus.REVOKED])
           & Q(recognized_on__year__in=years_for[cycle]))
    )
    out = []
    for center in qs.select_related("host_unit"):
        due = due_on_in_year(center, year, system=system, cycle=cycle)
        if due is not None:
            out.append((center, due))
    return sorted(out, key=lambda pair: (pair[1], pair[0].official_name))
