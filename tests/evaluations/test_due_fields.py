"""The schedule each center stores (due cohort, due month and day) picks exactly the centers `due_on_in_year` says are
due, in due-date order, whatever the status changes and whatever intervals the policy sets."""

import calendar
import dataclasses
import datetime
import importlib
import itertools

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.evaluations.factories import make_center
from ticms.centers.models import DUE_FIELDS, Center, due_fields
from ticms.centers.services import change_status
from ticms.evaluations.indicators import load_indicator_system
from ticms.evaluations.schedule import cycle_years, due_centers, due_cohorts, due_on_in_year

D = datetime.date
STATUSES = ("active", "preparatory", "rectifying", "revoked")
# The status steps of CENTER_FLOW a center may take from each status.
STEPS = {"preparatory": ("activate", "revoke"), "active": ("start_rectification", "revoke"),
         "rectifying": ("end_rectification", "revoke"), "revoked": ()}
_names = itertools.count()


# Dates bunch on 28 and 29 February and 1 March, where the due day can go wrong, and share days, so ties in due
# date meet the order by name.
LEAP_YEARS = [y for y in range(1992, 2100) if calendar.isleap(y)]
edge_date_st = st.one_of(
    st.builds(lambda y: D(y, 2, 29), st.sampled_from(LEAP_YEARS)),
    st.builds(D, st.integers(1990, 2099), st.sampled_from((2, 3)), st.sampled_from((1, 28))),
)


def _center(status: str, recognized_on: datetime.date) -> Center:
    center = Center(recognized_on=recognized_on)
    center.__dict__["status"] = status  # the status field only moves through the workflow; a bare row sets it
    center.set_due_fields()
    return center


@given(recognized_on=st.one_of(st.dates(D(1990, 1, 1), D(2099, 12, 31)), edge_date_st),
       status=st.sampled_from(STATUSES), year=st.integers(1990, 2100), cycle=st.integers(1, 6),
       preparatory=st.integers(1, 6), first_year=st.integers(1950, 1990))
def test_stored_cohort_is_due_exactly_when_due_on_in_year_gives_a_date(recognized_on, status, year, cycle,
                                                                       preparatory, first_year):
    """Whatever intervals the policy sets: the stored fields do not depend on them, so none needs recomputing."""
    center = _center(status, recognized_on)
    system = dataclasses.replace(load_indicator_system(), preparatory_review_years=preparatory)
    due = due_on_in_year(center, year, system=system, cycle=cycle)
    cohorts = due_cohorts(year, cycle=cycle, preparatory=preparatory, first_year=first_year)
    assert (center.due_cohort in cohorts) == (due is not None)
    if due is not None:
        leap_day = calendar.isleap(year) and (recognized_on.month, recognized_on.day) == (2, 29)
        assert (center.due_month, center.due_day + leap_day) == (due.month, due.day)


def _schedule(centers, year):
    """What due_on_in_year says, in due-date order (ties by name, then pk): what due_centers must return."""
    system = load_indicator_system()
    rows = [(c, due_on_in_year(c, year, system=system, cycle=cycle_years(D(year, 1, 1)))) for c in centers]
    return sorted(((c, due) for c, due in rows if due), key=lambda r: (r[1], r[0].official_name, r[0].pk))


center_st = st.tuples(edge_date_st.filter(lambda d: 2010 <= d.year <= 2044),
                      st.sampled_from(("active", "preparatory")), st.lists(st.integers(0, 1), max_size=3))


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(center_st, min_size=1, max_size=6), years=st.lists(st.integers(2025, 2048), min_size=1,
                                                                           max_size=4))
def test_due_centers_agree_with_due_on_in_year_after_any_status_changes(bureau_officer, organisation, specs, years):
    with transaction.atomic():
        centers = []
        for recognized_on, status, moves in specs:
            center = make_center(bureau_officer, organisation, recognized_on=recognized_on, status=status,
                                 name=f"朔州市性质{next(_names):05d}技术创新中心")
            for move in moves:
                if STEPS[center.status]:
                    center = change_status(actor=bureau_officer, center=center, comment="测试",
                                           transition=STEPS[center.status][move])
            centers.append(Center.objects.get(pk=center.pk))
        for center in centers:
            assert {f: getattr(center, f) for f in DUE_FIELDS} == due_fields(center.status, center.recognized_on)
        for year in years:
            assert due_centers(year) == _schedule(centers, year)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_leap_day_center_falls_due_after_the_28th_in_a_leap_year(bureau_officer, organisation):
    # Recognised on 29 February 2024 as preparatory (due every two years): due 29 February 2028.
    leap = make_center(bureau_officer, organisation, recognized_on=D(2024, 2, 29), status="preparatory",
                       name="朔州市A技术创新中心")
    feb28 = make_center(bureau_officer, organisation, recognized_on=D(2024, 2, 28), status="preparatory",
                        name="朔州市B技术创新中心")
    assert load_indicator_system().preparatory_review_years == 2
    assert due_centers(2028) == [(feb28, D(2028, 2, 28)), (leap, D(2028, 2, 29))]
    assert due_centers(2026) == [(leap, D(2026, 2, 28)), (feb28, D(2026, 2, 28))]


@pytest.mark.django_db
def test_activated_center_moves_to_the_evaluation_cycle_and_revoked_leaves_the_schedule(bureau_officer,
                                                                                       organisation):
    center = make_center(bureau_officer, organisation, recognized_on=D(2024, 5, 1), status="preparatory")
    assert [c for c, _ in due_centers(2026)] == [center]
    center = change_status(actor=bureau_officer, center=center, transition="activate")
    assert due_centers(2026) == [] and [c for c, _ in due_centers(2027)] == [center]
    change_status(actor=bureau_officer, center=center, transition="revoke", comment="测试")
    assert due_centers(2027) == []


@pytest.mark.django_db
def test_migration_fills_the_schedule_of_existing_centers(bureau_officer, organisation):
    centers = [make_center(bureau_officer, organisation, recognized_on=D(2020 + 4 * (i % 2), 2, 28 + i % 2),
                           status=("active", "preparatory")[i % 2]) for i in range(4)]
    change_status(actor=bureau_officer, center=centers[0], transition="revoke", comment="测试")
    Center.objects.update(**dict.fromkeys(DUE_FIELDS))  # rows as they stood before the migration
    importlib.import_module("ticms.centers.migrations.0006_due_schedule").fill_due_fields(apps, None)
    for center in Center.objects.all():
        assert {f: getattr(center, f) for f in DUE_FIELDS} == due_fields(center.status, center.recognized_on)
