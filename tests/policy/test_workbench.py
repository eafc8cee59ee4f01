import datetime

import pytest

from ticms.policy.services import import_year
from ticms.policy.workbench import calendar_todos

pytestmark = pytest.mark.django_db


def on(monkeypatch, day: datetime.date) -> None:
    monkeypatch.setattr("ticms.policy.workbench.timezone.localdate", lambda: day)


def labels(user):
    return [item.label for section in calendar_todos(user) for item in section.items]


def test_admin_reminded_in_november_of_next_years_missing_schedule(monkeypatch, system_admin):
    on(monkeypatch, datetime.date(2026, 11, 25))
    assert labels(system_admin) == ["录入2027年法定节假日和调休安排"]


def test_no_reminder_before_november(monkeypatch, system_admin):
    on(monkeypatch, datetime.date(2026, 6, 1))
    assert labels(system_admin) == []


def test_reminder_gone_once_the_year_is_entered(monkeypatch, system_admin):
    on(monkeypatch, datetime.date(2026, 11, 25))
    import_year(2027, [(datetime.date(2027, 1, 1), False, "元旦")], actor=system_admin, source="test")
    assert labels(system_admin) == []


def test_policy_expiry_warned_within_180_days(monkeypatch, system_admin):
    on(monkeypatch, datetime.date(2029, 10, 1))
    found = labels(system_admin)
    assert any("到期" in label for label in found)


def test_other_roles_get_no_section(monkeypatch, bureau_officer):
    on(monkeypatch, datetime.date(2026, 11, 25))
    assert calendar_todos(bureau_officer) == []


def test_reminder_shows_on_the_workbench_page(client, monkeypatch, system_admin):
    on(monkeypatch, datetime.date(2026, 12, 1))
    client.force_login(system_admin)
    assert "录入2027年法定节假日和调休安排" in client.get("/workbench/").content.decode()
