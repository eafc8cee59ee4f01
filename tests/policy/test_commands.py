import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from ticms.policy import calendar
from ticms.policy.models import CalendarYear

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_calendar_period_prints_start_and_end():
    assert run("calendar", "period", "2025-09-26", "--days", "5") == "2025-09-26 2025-10-09\n"


def test_calendar_period_defaults_to_the_notice_of_the_policy():
    assert run("calendar", "period", "2025-09-26") == "2025-09-26 2025-10-09\n"


def test_calendar_period_in_calendar_days():
    assert run("calendar", "period", "2025-09-26", "--days", "5", "--unit", "calendar") == "2025-09-26 2025-09-30\n"


def test_calendar_period_in_an_unknown_year_is_a_command_error_naming_the_year():
    with pytest.raises(CommandError, match="2031年的法定节假日安排尚未录入"):
        run("calendar", "period", "2031-05-06", "--days", "5")


def test_calendar_period_before_the_measures_counts_working_days_around_national_day_2019():
    # 2019-09-30 is a working Monday (day 1); 1–7 October are rest; days 2–5 are 8–11 October.
    assert run("calendar", "period", "2019-09-30", "--days", "5") == "2019-09-30 2019-10-11\n"
    assert run("calendar", "period", "2019-09-30", "--days", "5", "--unit", "working") == "2019-09-30 2019-10-11\n"


def test_calendar_period_before_the_measures_in_calendar_days():
    assert run("calendar", "period", "2019-09-30", "--days", "5", "--unit", "calendar") == "2019-09-30 2019-10-04\n"


def test_calendar_period_before_the_measures_needs_days_and_says_why():
    with pytest.raises(CommandError, match="2019-09-30不在《朔州市技术创新中心管理办法》施行期内.*--days"):
        run("calendar", "period", "2019-09-30")


def test_calendar_period_in_a_year_before_the_package_is_refused_naming_the_year():
    with pytest.raises(CommandError, match="2003年的法定节假日安排尚未录入"):
        run("calendar", "period", "2003-05-06", "--days", "5")


def test_calendar_period_in_an_entered_year_before_the_measures(system_admin):
    from ticms.policy import services

    services.import_year(2003, [(datetime.date(2003, 5, 7), False, "劳动节")], system_admin, source="test")
    # Tuesday 6 May is day 1; Wednesday 7 May is entered as rest.
    assert run("calendar", "period", "2003-05-06", "--days", "3") == "2003-05-06 2003-05-09\n"


def test_calendar_period_with_a_bad_date():
    with pytest.raises(CommandError, match="日期“2025-13-01”无效"):
        run("calendar", "period", "2025-13-01")


def test_calendar_import_from_a_file(tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text("date,type,note\n2027-01-01,休,元旦\n2027-02-06,班,春节调休\n", "utf-8")
    out = run("calendar", "import", str(path), "--year", "2027")
    assert "2027" in out
    assert CalendarYear.objects.get(year=2027).entered_by is None
    assert calendar.is_working_day(datetime.date(2027, 2, 6))


def test_calendar_import_with_bad_lines_is_a_command_error(tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text("2028-01-01,休\n", "utf-8")
    with pytest.raises(CommandError, match="第1行：日期2028-01-01不在2027年内"):
        run("calendar", "import", str(path), "--year", "2027")
    assert not CalendarYear.objects.exists()


def test_policy_show_prints_the_parameters():
    out = run("policy", "show", "--on", "2025-06-01")
    assert "朔州市技术创新中心管理办法" in out
    assert "min_fixed_staff" in out and "15人" in out
    assert "rd_investment_3y" in out


def test_policy_check_names_the_broken_key(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("metadata: {jurisdiction: x}\n", "utf-8")
    with pytest.raises(CommandError, match="metadata.title: missing"):
        run("policy", "check", str(path))
