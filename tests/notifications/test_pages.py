"""The inbox (header count, mark read, follow the link), and the system admin's jobs page and workbench warning."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from ticms.notifications import jobs
from ticms.notifications.models import Message, ScheduledJob
from ticms.notifications.posting import post

pytestmark = pytest.mark.django_db


def test_header_shows_unread_count_and_inbox_lists_messages(client, applicant):
    post(recipient=applicant, kind="application.county_return", title="申请书被退回修改：甲", url="/applications/")
    post(recipient=applicant, kind="application.county_recommend", title="申请书已获推荐：乙")
    client.force_login(applicant)
    page = client.get("/workbench/").content.decode()
    assert 'id="ticms-unread">2<' in page
    inbox = client.get("/messages/").content.decode()
    assert "申请书被退回修改：甲" in inbox and "2 条未读" in inbox


def test_following_the_link_marks_read_and_goes_to_the_record(client, applicant):
    message = post(recipient=applicant, kind="application.county_return", title="退回", url="/applications/")
    client.force_login(applicant)
    response = client.get(f"/messages/{message.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/applications/"
    message.refresh_from_db()
    assert message.read_at is not None
    assert 'id="ticms-unread"' not in client.get("/workbench/").content.decode()


def test_mark_read_and_mark_all_read(client, applicant):
    one = post(recipient=applicant, kind="application.county_return", title="一")
    post(recipient=applicant, kind="application.county_return", title="二", reminder_key="x")
    client.force_login(applicant)
    client.post(f"/messages/{one.pk}/read/")
    assert Message.objects.filter(recipient=applicant, read_at__isnull=True).count() == 1
    client.post("/messages/read-all/")
    assert not Message.objects.filter(recipient=applicant, read_at__isnull=True).exists()


def test_nobody_reads_another_persons_message(client, applicant, other_applicant):
    message = post(recipient=applicant, kind="application.county_return", title="退回：甲单位")
    client.force_login(other_applicant)
    assert client.get(f"/messages/{message.pk}/").status_code == 404
    assert client.post(f"/messages/{message.pk}/read/").status_code == 404
    assert "甲单位" not in client.get("/messages/").content.decode()


def test_mandatory_kind_cannot_be_unticked_on_the_settings_page(client, applicant):
    client.force_login(applicant)
    page = client.get("/messages/settings/").content.decode()
    assert 'name="application.county_return:email" aria-label="申请书被退回修改 电子邮件" checked disabled' in page


def test_system_admin_sees_jobs_and_runs_one_now(client, system_admin):
    client.force_login(system_admin)
    page = client.get("/system/jobs/").content.decode()
    assert "每日到期处理" in page and "从未运行" in page
    response = client.post("/system/jobs/reminders/run/", follow=True)
    assert "已运行" in response.content.decode()
    row = ScheduledJob.objects.get(name="reminders")
    assert row.last_ok is True and row.last_duration_ms is not None and row.next_run_at > row.last_started_at


def test_jobs_page_is_for_the_system_admin_only(client, bureau_officer):
    client.force_login(bureau_officer)
    assert client.get("/system/jobs/").status_code == 403
    assert client.post("/system/jobs/tick/run/").status_code == 403
    assert client.get("/system/deliveries/").status_code == 403


def test_job_not_run_for_a_day_warns_on_the_system_admins_workbench(client, system_admin):
    for name in jobs.JOBS:
        jobs.run_job(name)
    client.force_login(system_admin)
    assert "超过一天未运行" not in client.get("/workbench/").content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        jobs.run_job("retries")
        jobs.run_job("reminders")
        client.force_login(system_admin)  # a day later the old session has timed out
        page = client.get("/workbench/").content.decode()
    assert "定时任务“每日到期处理（ticms tick）”超过一天未运行" in page
    assert "“期限提醒”超过一天" not in page


def test_scheduler_claims_a_due_job_once():
    now = timezone.now()
    assert set(jobs.claim_due(now)) == set(jobs.JOBS)
    assert jobs.claim_due(now) == []  # a second worker's scheduler finds nothing due
    assert jobs.claim_due(now + datetime.timedelta(minutes=6)) == ["retries"]


def test_a_worker_never_started_warns_once_the_installation_is_a_day_old(client, system_admin, applicant,
                                                                         organisation):
    from ..applications.factories import new_application

    new_application(applicant, organisation)  # the installation is in use from its first audit event
    client.force_login(system_admin)
    assert "超过一天未运行" not in client.get("/workbench/").content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        client.force_login(system_admin)
        page = client.get("/workbench/").content.decode()
    assert page.count("超过一天未运行") == len(jobs.JOBS)


@pytest.mark.parametrize("count", [1, 40])
def test_inbox_queries_do_not_grow_with_messages(client, applicant, django_assert_max_num_queries, count):
    for i in range(count):
        post(recipient=applicant, kind="application.county_return", title=f"消息{i}", reminder_key=f"k{i}")
    client.force_login(applicant)
    with django_assert_max_num_queries(14):
        assert client.get("/messages/").status_code == 200
