import datetime

import pytest

from ticms.audit.models import Event
from ticms.errors import ServiceError
from ticms.policy import calendar
from ticms.policy.models import CalendarDay, CalendarYear
from ticms.policy.services import import_year, parse_schedule

pytestmark = pytest.mark.django_db
D = datetime.date

SCHEDULE_2027 = """date,type,note
# 2027 (example)
2027-01-01,休,元旦
2027-02-06,班,春节调休
2027-02-08,休,春节
2027-02-09,holiday,春节
2027-02-10,休,春节
"""


def test_parse_schedule_reads_both_type_spellings():
    days = parse_schedule(SCHEDULE_2027, 2027)
    assert days[0] == (D(2027, 1, 1), False, "元旦")
    assert days[1] == (D(2027, 2, 6), True, "春节调休")
    assert days[3] == (D(2027, 2, 9), False, "春节")


def test_parse_schedule_names_every_bad_line_in_chinese():
    text = "2027-02-30,休,x\n2026-12-31,休,\n2027-01-01,休\n2027-01-01,班\n2027-03-01,maybe\n"
    with pytest.raises(ServiceError) as err:
        parse_schedule(text, 2027)
    detail = err.value.detail
    assert detail[0].startswith("第1行：日期“2027-02-30”无效")
    assert detail[1] == "第2行：日期2026-12-31不在2027年内。"
    assert detail[2] == "第4行：日期2027-01-01重复（第3行已填写）。"
    assert detail[3].startswith("第5行：类型“maybe”无法识别")


def test_an_empty_schedule_is_refused():
    with pytest.raises(ServiceError):
        parse_schedule("date,type,note\n", 2027)


def test_an_entered_year_is_then_used(system_admin):
    entry = import_year(2027, parse_schedule(SCHEDULE_2027, 2027), system_admin, source="国办发明电〔2026〕1号")
    assert entry.entered_by == system_admin
    assert not calendar.is_working_day(D(2027, 1, 1))  # listed rest day
    assert calendar.is_working_day(D(2027, 2, 6))  # listed working Saturday
    assert calendar.is_working_day(D(2027, 1, 4))  # unlisted Monday
    assert not calendar.is_working_day(D(2027, 1, 2))  # unlisted Saturday
    # 28, 29, 30, 31 Dec 2026 (package), 1 Jan 2027 off, Mon 4 Jan 2027 (entered year): day 5.
    assert calendar.period_end(D(2026, 12, 28), 5) == D(2027, 1, 4)


def test_import_writes_an_audit_event(system_admin):
    entry = import_year(2027, parse_schedule(SCHEDULE_2027, 2027), system_admin)
    event = Event.objects.get(action="calendar.import_year")
    assert event.actor == system_admin and event.role == "system_admin"
    assert event.object_id == str(entry.pk)
    assert event.data["rest_days"][0] == "2027-01-01" and event.data["working_days"] == ["2027-02-06"]


def test_importing_a_year_again_replaces_it(system_admin):
    import_year(2027, parse_schedule(SCHEDULE_2027, 2027), system_admin)
    import_year(2027, [(D(2027, 5, 3), False, "劳动节")], None, source="CLI")
    assert CalendarDay.objects.filter(date__year=2027).count() == 1
    assert calendar.is_working_day(D(2027, 1, 1))  # no longer listed: a Friday
    assert CalendarYear.objects.get(year=2027).entered_by is None


def test_an_entered_year_overrides_the_package():
    import_year(2025, [(D(2025, 9, 26), False, "测试")], None)
    assert not calendar.is_working_day(D(2025, 9, 26))
    assert calendar.is_working_day(D(2025, 10, 1))  # the whole year now comes from the entry
    assert {y.year: y.source for y in calendar.known_years()}[2025] == "entered"


def test_import_refuses_dates_outside_the_year_and_duplicates_and_writes_nothing():
    with pytest.raises(ServiceError) as err:
        import_year(2027, [(D(2027, 1, 1), False, ""), (D(2027, 1, 1), True, ""), (D(2028, 1, 1), False, "")])
    assert "日期2027-01-01重复填写。" in err.value.detail
    assert "日期2028-01-01不在2027年内。" in err.value.detail
    assert not CalendarYear.objects.exists() and not CalendarDay.objects.exists()
    assert not Event.objects.filter(action="calendar.import_year").exists()
