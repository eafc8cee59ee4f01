"""The holiday schedule of a year, imported by the system administrator; the working-day count follows it."""

import datetime

import pytest

from ticms.audit.models import Event
from ticms.policy import calendar
from ticms.policy.models import CalendarYear

from .helpers import dry_run_page, errors_on_page, token_of, upload

pytestmark = pytest.mark.django_db


def test_system_admin_imports_a_year_and_working_days_follow_it(client, system_admin):
    client.force_login(system_admin)
    rows = [
        [datetime.date(2031, 1, 1), "休", "元旦"],
        [datetime.date(2031, 1, 26), "班", "春节调休上班"],
    ]
    response = dry_run_page(client, "calendar", upload("calendar", rows, name="2031年节假日.xlsx"))
    assert response.status_code == 200
    assert client.post("/imports/calendar/apply", {"token": token_of(response)}).status_code == 302
    assert CalendarYear.objects.get(year=2031).source == "Excel导入：2031年节假日.xlsx"
    assert not calendar.is_working_day(datetime.date(2031, 1, 1))  # a Wednesday off
    assert calendar.is_working_day(datetime.date(2031, 1, 26))  # a Sunday at work
    assert Event.objects.filter(action="calendar.import_year").count() == 1
    assert Event.objects.get(action="import.calendar").data["rows"] == 2


def test_replacing_an_entered_year_is_announced_in_the_dry_run(client, system_admin):
    from ticms.policy.services import import_year

    import_year(2031, [(datetime.date(2031, 1, 1), False, "元旦")], system_admin)
    client.force_login(system_admin)
    response = dry_run_page(client, "calendar", upload("calendar", [[datetime.date(2031, 1, 1), "休", "元旦"]]))
    assert "2031年已录入1天的安排，导入后将整体替换为本文件的1天。" in response.content.decode()


def test_calendar_rows_are_checked(client, system_admin):
    client.force_login(system_admin)
    rows = [
        [datetime.date(2031, 1, 1), "休", "元旦"],
        [datetime.date(2031, 1, 1), "休", "元旦"],
        [datetime.date(2032, 1, 1), "休", "元旦"],
        [datetime.date(2031, 5, 1), "放假", "劳动节"],
    ]
    errors = errors_on_page(dry_run_page(client, "calendar", upload("calendar", rows)))
    assert errors == [
        "第3行「日期」与第2行重复（同一日期）。",
        "第4行「日期」2032-01-01不在2031年内（一个文件只录入一年，年份以第一行日期为准）。",
        "第5行「类型」应为“休”“班”之一，实为“放假”。",
    ]


def test_only_the_system_admin_imports_the_calendar(client, bureau_officer):
    client.force_login(bureau_officer)
    assert client.get("/imports/calendar/").status_code == 403
