"""Signing in: lockout after five failures (per account and per address), a captcha after two, failures audited
once per burst, the security administrator unlocking; sign-out audited."""

import threading

import pytest
from django.db import connections
from django.test import Client

from ticms.audit.models import Event

from ..factories import solved_captcha

pytestmark = pytest.mark.django_db

RIGHT = "pass-12345"



def _sign_in(client, user, password, captcha=False, ip="10.0.0.1"):
    data = {"username": user.username, "password": password, **(solved_captcha() if captcha else {})}
    return client.post("/login/", data, REMOTE_ADDR=ip)


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_ten_wrong_passwords_then_the_right_one_is_refused(client, applicant):
    for _ in range(10):
        _sign_in(client, applicant, "wrong-password", captcha=True)
    response = _sign_in(client, applicant, RIGHT, captcha=True)
    assert response.status_code == 429 and "已被锁定15分钟" in response.content.decode()
    assert not _signed_in(client)


def test_lockout_holds_for_the_account_from_another_address(client, applicant):
    for n in range(5):
        _sign_in(client, applicant, "wrong", captcha=True, ip=f"10.0.1.{n}")
    other = Client()
    response = _sign_in(other, applicant, RIGHT, captcha=True, ip="10.9.9.9")
    assert response.status_code == 429 and "_auth_user_id" not in other.session


@pytest.mark.django_db(transaction=True)
def test_forty_parallel_wrong_passwords_lock_the_account(applicant):
    barrier = threading.Barrier(8)

    def guess():
        try:
            barrier.wait()
            c = Client()
            for _ in range(5):
                c.post("/login/", {"username": applicant.username, "password": "wrong", **solved_captcha()})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    c = Client()
    c.post("/login/", {"username": applicant.username, "password": RIGHT, **solved_captcha()})
    assert "_auth_user_id" not in c.session
    # Forty guesses, a handful of events: the first failure and the lockout, not one per attempt.
    assert Event.objects.filter(action__in=["auth.sign_in_failed", "auth.locked_out"]).count() <= 3


def test_failures_are_audited_once_per_burst_with_the_lockout_count(client, applicant):
    for _ in range(12):
        _sign_in(client, applicant, "wrong", captcha=True)
    assert Event.objects.filter(action="auth.sign_in_failed").count() == 1
    locked = Event.objects.get(action="auth.locked_out")
    assert locked.data == {"username": applicant.username, "count": 5}


def test_captcha_appears_after_two_failures_and_is_required(client, applicant):
    assert "captcha" not in client.get("/login/").content.decode()
    _sign_in(client, applicant, "wrong")
    _sign_in(client, applicant, "wrong")
    page = client.get("/login/", REMOTE_ADDR="10.0.0.1").content.decode()
    assert 'id="captcha-row"' in page and "/captcha/image/" in page
    response = _sign_in(client, applicant, RIGHT)  # right password, no captcha
    assert response.status_code == 200 and "请输入验证码" in response.content.decode()
    assert not _signed_in(client)


def test_captcha_image_is_drawn_here(client):
    from captcha.models import CaptchaStore

    key = CaptchaStore.generate_key()
    response = client.get(f"/captcha/image/{key}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_right_captcha_and_password_sign_in(client, applicant):
    _sign_in(client, applicant, "wrong")
    _sign_in(client, applicant, "wrong")
    response = _sign_in(client, applicant, RIGHT, captcha=True)
    assert response.status_code == 302 and _signed_in(client)


def test_security_admin_unlocks_an_account(client, applicant, security_admin):
    from axes.models import AccessAttempt

    for _ in range(5):
        _sign_in(client, applicant, "wrong", captcha=True)
    admin = Client()
    admin.force_login(security_admin)
    page = admin.get("/security/lockouts/").content.decode()
    assert applicant.username in page and "已锁定" in page
    attempt = AccessAttempt.objects.get(username=applicant.username)
    admin.post(f"/security/lockouts/{attempt.pk}/unlock/")
    assert Event.objects.filter(action="auth.unlock", actor=security_admin).exists()
    assert _sign_in(client, applicant, RIGHT).status_code == 302 and _signed_in(client)


def test_lockout_page_is_for_the_security_admin_only(client, system_admin):
    client.force_login(system_admin)
    assert client.get("/security/lockouts/").status_code == 403
    assert client.get("/security/online/").status_code == 403


def test_sign_out_is_audited(client, applicant):
    _sign_in(client, applicant, RIGHT)
    client.post("/logout/")
    assert Event.objects.filter(action="auth.sign_out", actor=applicant).exists()


def test_an_address_guessing_many_accounts_is_locked(client, applicant):
    from tests.factories import UserFactory

    for _ in range(5):
        _sign_in(client, UserFactory(), "wrong", captcha=True, ip="10.7.7.7")
    response = _sign_in(client, applicant, RIGHT, captcha=True, ip="10.7.7.7")
    assert response.status_code == 429 and not _signed_in(client)
    assert _sign_in(Client(), applicant, RIGHT, ip="10.8.8.8").status_code == 302  # the account itself is not


@pytest.mark.parametrize("n", [5, 50])
def test_lockout_page_is_paged_and_flat_in_queries(security_admin, django_assert_max_num_queries, n):
    from axes.models import AccessAttempt
    from django.utils import timezone

    AccessAttempt.objects.bulk_create([
        AccessAttempt(username=f"locked{i:03d}", ip_address=f"10.0.{i // 250}.{i % 250 + 1}", user_agent="test",
                      failures_since_start=5, attempt_time=timezone.now()) for i in range(n)])
    admin = Client()
    admin.force_login(security_admin)
    with django_assert_max_num_queries(12):
        page = admin.get("/security/lockouts/").content.decode()
    assert page.count("locked0") == min(n, 50)
