"""Deadline reminders at the policy's lead times, once per person and deadline however often `ticms tick` runs."""

import datetime
import io

import pytest
import time_machine
import yaml
from django.core.management import call_command

from ticms.notifications.models import Message
from ticms.notifications.reminders import due_lead
from ticms.policy import PolicyError, load_policy

from ..applications.factories import CallFactory, new_application

pytestmark = pytest.mark.django_db


def tick(day: datetime.date) -> str:
    out = io.StringIO()
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(9)), tick=False):
        call_command("tick", stdout=out)
    return out.getvalue()


def test_call_closing_reminds_applicant_at_7_and_1_days_once_each(applicant, organisation, frozen_today):
    week = datetime.timedelta(days=7)
    call = CallFactory(opens=frozen_today - week, closes=frozen_today + week)
    app = new_application(applicant, organisation, call=call)  # still a draft
    assert "发送期限提醒：1" in tick(frozen_today)
    tick(frozen_today)  # cron ran twice the same day
    tick(frozen_today + datetime.timedelta(days=3))  # between the lead times: nothing new
    reminders = Message.objects.filter(recipient=applicant, kind="reminder.call_closing")
    assert reminders.count() == 1 and "还有 7 天" in reminders.get().title
    assert reminders.get().url == app.get_absolute_url()
    tick(call.closes - datetime.timedelta(days=1))
    tick(call.closes - datetime.timedelta(days=1))
    assert reminders.count() == 2 and reminders.filter(title__contains="还有 1 天").exists()


def test_submitted_application_gets_no_call_closing_reminder(applicant, organisation, frozen_today):
    from ..applications.factories import submitted_application

    submitted_application(applicant, organisation,
                          call=CallFactory(closes=frozen_today + datetime.timedelta(days=1)))
    tick(frozen_today)
    assert not Message.objects.filter(kind="reminder.call_closing").exists()


def test_policy_expiry_reminds_the_bureau_at_the_policy_lead_times(bureau_officer, frozen_today):
    from ticms.policy import current_policy

    expires = current_policy().expires_on
    tick(expires - datetime.timedelta(days=200))
    reminders = Message.objects.filter(recipient=bureau_officer, kind="reminder.policy_expiry")
    assert not reminders.exists()
    tick(expires - datetime.timedelta(days=100))  # within the 180-day lead of the policy file
    tick(expires - datetime.timedelta(days=95))
    assert reminders.count() == 1 and "管理办法即将到期" in reminders.get().title
    tick(expires - datetime.timedelta(days=90))
    assert reminders.count() == 2


def test_a_missed_run_sends_only_the_nearest_lead_time():
    day = datetime.date(2026, 6, 15)
    assert due_lead(day + datetime.timedelta(days=1), day, [7, 1]) == 1
    assert due_lead(day + datetime.timedelta(days=5), day, [7, 1]) == 7
    assert due_lead(day + datetime.timedelta(days=8), day, [7, 1]) is None
    assert due_lead(day - datetime.timedelta(days=1), day, [7, 1]) is None


def test_policy_file_refuses_an_unknown_reminder_key(tmp_path, settings):
    data = yaml.safe_load(open(settings.TICMS_POLICY_FILE, encoding="utf-8"))
    data["reminders"]["lead_day"] = [3]
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    assert exc.value.key == "reminders.lead_day" and str(path) in str(exc.value)
    data["reminders"] = {"lead_days": [7, "one"]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(PolicyError, match="reminders.lead_days"):
        load_policy(path)
