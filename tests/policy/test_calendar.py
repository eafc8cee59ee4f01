import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ticms.policy import calendar
from ticms.policy.calendar import UnknownCalendarYear, format_period_zh, is_working_day, period_end

pytestmark = pytest.mark.django_db
D = datetime.date


def test_notice_published_before_national_day_2025_ends_on_9_october():
    # Fri 26 Sep (day 1), Sun 28 Sep (调休, day 2), 29, 30 Sep, then 1–8 Oct off: Thu 9 Oct is day 5.
    assert period_end(D(2025, 9, 26), 5) == D(2025, 10, 9)


def test_default_period_is_the_notice_of_the_policy():
    assert period_end(D(2025, 9, 26)) == D(2025, 10, 9)


def test_adjusted_working_sunday_counts_as_a_working_day():
    assert is_working_day(D(2025, 9, 28))  # Sunday, 调休
    assert not is_working_day(D(2025, 9, 27))  # Saturday
    assert not is_working_day(D(2025, 10, 6))  # Mid-Autumn, a Monday


def test_seven_working_days_across_national_day_end_on_the_adjusted_saturday():
    # 26, 28, 29, 30 Sep, 9, 10, 11 Oct (Saturday 11 October is a working day in 2025).
    assert period_end(D(2025, 9, 26), 7) == D(2025, 10, 11)


def test_spring_festival_2025():
    # Fri 24 Jan (1), Sun 26 Jan 调休 (2), Mon 27 Jan (3), 28 Jan – 4 Feb off, 5 Feb (4), 6 Feb (5).
    assert period_end(D(2025, 1, 24), 5) == D(2025, 2, 6)


def test_seven_days_across_spring_festival_2025_count_the_adjusted_saturday():
    # 27 Jan (1), 5, 6, 7 Feb, Sat 8 Feb 调休 (5), 10 (6), 11 Feb (7).
    assert period_end(D(2025, 1, 27), 7) == D(2025, 2, 11)


def test_spring_festival_2026():
    # Fri 13 Feb (1), Sat 14 Feb 调休 (2), 15–23 Feb off, 24 (3), 25 (4), 26 Feb (5).
    assert period_end(D(2026, 2, 13), 5) == D(2026, 2, 26)


def test_a_period_starting_on_a_holiday_starts_on_the_next_working_day():
    # Sat 1 Feb 2025 is in the Spring Festival holiday: day 1 is Wed 5 Feb.
    assert period_end(D(2025, 2, 1), 5) == D(2025, 2, 10)
    assert period_end(D(2025, 2, 1), 1) == D(2025, 2, 5)


def test_a_period_starting_on_a_weekend():
    assert period_end(D(2025, 6, 7), 5) == D(2025, 6, 13)  # Sat → Mon 9 to Fri 13 June


def test_a_one_day_period_on_a_working_day_ends_that_day():
    assert period_end(D(2025, 6, 10), 1) == D(2025, 6, 10)


def test_calendar_day_unit_counts_every_day_from_day_one():
    assert period_end(D(2025, 9, 26), 5, unit="calendar") == D(2025, 9, 30)
    assert period_end(D(2025, 9, 27), 7, unit="calendar") == D(2025, 10, 3)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        period_end(D(2025, 9, 26), 0)
    with pytest.raises(ValueError):
        period_end(D(2025, 9, 26), 5, unit="lunar")


def test_an_unknown_year_is_refused_with_the_year_named():
    with pytest.raises(UnknownCalendarYear) as err:
        is_working_day(D(2031, 3, 3))
    assert err.value.year == 2031
    assert str(err.value) == "2031年的法定节假日安排尚未录入，请系统管理员先录入该年安排"


def test_a_period_running_into_an_unknown_year_is_refused():
    with pytest.raises(UnknownCalendarYear, match="2027年"):
        period_end(D(2026, 12, 28), 5)


def test_add_working_days():
    assert calendar.add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert calendar.add_working_days(D(2025, 9, 30), 0) == D(2025, 9, 30)


def test_format_period_zh():
    assert format_period_zh(D(2025, 9, 26), D(2025, 10, 9)) == "公示时间：2025年9月26日至2025年10月9日"


def test_known_years_come_from_the_package():
    years = {y.year: y for y in calendar.known_years()}
    assert years[2025].source == "package"
    assert years[2025].holidays > 0 and years[2025].workdays > 0
    assert calendar.first_unknown_year(2025) == 2027


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=D(2015, 1, 1), max_value=D(2026, 11, 15)),
    n=st.integers(min_value=1, max_value=15),
)
def test_a_period_ends_on_a_working_day_after_exactly_n_working_days(start, n):
    end = period_end(start, n, unit="working")
    assert is_working_day(end)
    first = calendar.next_working_day(start)
    assert first >= start and first <= end
    assert calendar.working_days_between(start, end) == n
    # No working day between start and the first day: the period starts as early as it can.
    assert calendar.working_days_between(start, first - datetime.timedelta(days=1)) == 0
