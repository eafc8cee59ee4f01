import datetime

import pytest

from tests.evaluations.factories import make_center
from ticms.centers.services import change_status
from ticms.evaluations.indicators import load_indicator_system
from ticms.evaluations.schedule import add_years, due_centers, next_due_on

pytestmark = pytest.mark.django_db
D = datetime.date


def test_recognised_on_29_february_is_due_on_28_february_three_years_later():
    assert add_years(D(2024, 2, 29), 3) == D(2027, 2, 28)


def test_29_february_stays_29_february_in_a_leap_year():
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_leap_day_center_is_due_on_28_february(bureau_officer, organisation):
    center = make_center(bureau_officer, organisation, recognized_on=D(2024, 2, 29))
    assert due_centers(2027) == [(center, D(2027, 2, 28))]


def test_center_due_three_then_six_years_after_recognition(bureau_officer, organisation):
    # Years from 2025 on: the policy (and so its evaluation cycle) is in force from 2025-01-01.
    center = make_center(bureau_officer, organisation, recognized_on=D(2022, 6, 1))
    assert [c for c, _ in due_centers(2025)] == [center]
    assert [c for c, _ in due_centers(2028)] == [center]
    assert due_centers(2026) == [] and due_centers(2027) == []


def test_center_recognised_during_the_round_year_is_not_due(bureau_officer, organisation):
    make_center(bureau_officer, organisation, recognized_on=D(2025, 5, 10))
    assert due_centers(2025) == []


def test_preparatory_center_due_after_policy_review_years(bureau_officer, organisation):
    years = load_indicator_system().preparatory_review_years
    center = make_center(bureau_officer, organisation, recognized_on=D(2024, 3, 1), status="preparatory")
    assert [c for c, _ in due_centers(2024 + years)] == [center]


def test_revoked_center_is_never_due(bureau_officer, organisation):
    center = make_center(bureau_officer, organisation, recognized_on=D(2022, 6, 1))
    change_status(actor=bureau_officer, center=center, transition="revoke", comment="测试")
    assert due_centers(2025) == []


def test_next_due_on_skips_past_anniversaries(bureau_officer, organisation):
    center = make_center(bureau_officer, organisation, recognized_on=D(2019, 7, 1))
    assert next_due_on(center, after=D(2025, 1, 1)) == D(2025, 7, 1)
    assert next_due_on(center, after=D(2025, 7, 2)) == D(2028, 7, 1)
