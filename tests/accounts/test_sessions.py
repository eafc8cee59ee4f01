"""Sessions: 30 minutes idle, one per user (the older one is told why), force sign-out by the security admin."""

import datetime

import pytest
import time_machine
from django.test import Client

from ticms.accounts.models import UserSession
from ticms.audit.models import Event

pytestmark = pytest.mark.django_db


def _sign_in(client, user):
    assert client.post("/login/", {"username": user.username, "password": "pass-12345"}).status_code == 302


def test_a_session_ends_after_thirty_idle_minutes_and_says_why(applicant):
    client = Client()
    _sign_in(client, applicant)
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now + datetime.timedelta(minutes=20)):
        assert client.get("/workbench/").status_code == 200  # activity moves the deadline
    with time_machine.travel(now + datetime.timedelta(minutes=45)):
        assert client.get("/workbench/").status_code == 200  # 25 minutes after the last request
    with time_machine.travel(now + datetime.timedelta(minutes=80)):
        response = client.get("/workbench/", follow=True)
        assert "/login/" in response.redirect_chain[-1][0]
        assert "30分钟未操作" in response.content.decode()


def test_a_new_sign_in_ends_the_older_session_which_is_told_why(applicant):
    first, second = Client(), Client()
    _sign_in(first, applicant)
    _sign_in(second, applicant)
    assert second.get("/workbench/").status_code == 200
    response = first.get("/workbench/", follow=True)
    assert "/login/" in response.redirect_chain[-1][0]
    assert "已在其他地方登录" in response.content.decode()
    assert UserSession.objects.filter(user=applicant, ended_at__isnull=True).count() == 1
    assert Event.objects.filter(action="auth.session_replaced").exists()


def test_security_admin_sees_online_users_and_signs_one_out(applicant, security_admin):
    user_client, admin = Client(), Client()
    _sign_in(user_client, applicant)
    admin.force_login(security_admin)
    page = admin.get("/security/online/").content.decode()
    assert applicant.username in page
    row = UserSession.objects.get(user=applicant, ended_at__isnull=True)
    admin.post(f"/security/online/{row.pk}/end/")
    response = user_client.get("/workbench/", follow=True)
    assert "安全管理员已结束您的会话" in response.content.decode()
    assert Event.objects.filter(action="auth.forced_sign_out", actor=security_admin).exists()


def test_sign_out_closes_the_session_row(applicant):
    client = Client()
    _sign_in(client, applicant)
    client.post("/logout/")
    assert UserSession.objects.get(user=applicant).end_reason == "signed_out"


@pytest.mark.parametrize("n", [5, 50])
def test_online_users_page_is_paged_and_flat_in_queries(security_admin, django_assert_max_num_queries, n):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from tests.factories import UserFactory

    later = timezone.now() + datetime.timedelta(minutes=30)
    for i in range(n):
        key = f"bench-session-{n}-{i:04d}"
        Session.objects.create(session_key=key, session_data="", expire_date=later)
        UserSession.objects.create(user=UserFactory(), session_key=key)
    admin = Client()
    admin.force_login(security_admin)
    with django_assert_max_num_queries(14):
        page = admin.get("/security/online/").content.decode()
    # The n sessions and the security admin's own, 50 to a page.
    assert page.count("强制下线</button>") + page.count(">当前会话<") == min(n + 1, 50)
