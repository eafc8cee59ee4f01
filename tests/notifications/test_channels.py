"""E-mail survives a mail server that is down (stored, retried with back-off); SMS through the HTTP gateway."""

import datetime
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from ticms.notifications import channels, jobs
from ticms.notifications.models import Delivery, Message
from ticms.notifications.posting import post

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mail_server_down_keeps_the_message_and_retries_with_back_off(settings, applicant, system_admin, client):
    applicant.email = "a@example.cn"
    applicant.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    message = post(recipient=applicant, kind="application.county_return", title="申请书被退回修改：测试")
    channels.attempt(message.deliveries.get(channel="email"))
    delivery = Delivery.objects.get(message=message, channel="email")
    assert delivery.status == "failed" and delivery.attempts == 1 and "ConnectionRefused" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()  # waits before the next try
    assert Message.objects.filter(pk=message.pk, recipient=applicant).exists()  # the inbox has it meanwhile
    client.force_login(system_admin)
    page = client.get("/system/deliveries/").content.decode()
    assert "a@example.cn" in page and "ConnectionRefused" in page and "测试" not in page

    assert jobs.run_job("retries").endswith("仍失败 0")  # not due yet: nothing tried
    assert Delivery.objects.get(pk=delivery.pk).attempts == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        jobs.run_job("retries")
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2 and len(mail.outbox) == 1


def test_delivery_gives_up_after_the_last_back_off(settings, applicant):
    applicant.email = "a@example.cn"
    applicant.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    message = post(recipient=applicant, kind="application.county_return", title="退回")
    delivery = message.deliveries.get(channel="email")
    now = timezone.now()
    for _ in range(channels.MAX_ATTEMPTS):
        now += datetime.timedelta(days=2)
        channels.attempt(delivery, now=now)
    delivery.refresh_from_db()
    assert delivery.status == "gave_up" and delivery.attempts == channels.MAX_ATTEMPTS


class _FakeGateway(BaseHTTPRequestHandler):
    received: list = []
    answer = {"ok": True, "id": "SMS-1"}

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers.get("Authorization"), json.loads(body)))
        data = json.dumps(type(self).answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_gateway(settings):
    _FakeGateway.received = []
    _FakeGateway.answer = {"ok": True, "id": "SMS-1"}
    server = HTTPServer(("127.0.0.1", 0), _FakeGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TICMS_SMS_BACKEND = "http"
    settings.TICMS_SMS_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.TICMS_SMS_TOKEN = "secret-token"
    yield _FakeGateway
    server.shutdown()


def test_mandatory_message_goes_by_sms_through_the_http_gateway(fake_gateway, expert_user):
    expert_user.phone = "13800000000"
    expert_user.save()
    message = post(recipient=expert_user, kind="panel.form", title="您已被抽取为评审专家：某申请")
    assert channels.attempt(message.deliveries.get(channel="sms"))
    auth, body = fake_gateway.received[0]
    assert auth == "Bearer secret-token" and body["phone"] == "13800000000" and "评审专家" in body["text"]
    assert Delivery.objects.get(message=message, channel="sms").status == "sent"


def test_gateway_refusal_is_recorded_and_retried(fake_gateway, expert_user):
    expert_user.phone = "13800000000"
    expert_user.save()
    fake_gateway.answer = {"ok": False, "error": "余额不足"}
    message = post(recipient=expert_user, kind="panel.form", title="您已被抽取为评审专家")
    assert not channels.attempt(message.deliveries.get(channel="sms"))
    delivery = Delivery.objects.get(message=message, channel="sms")
    assert delivery.status == "failed" and "余额不足" in delivery.last_error


def test_no_phone_means_sms_skipped_not_failed(expert_user):
    message = post(recipient=expert_user, kind="panel.form", title="您已被抽取为评审专家")
    assert message.deliveries.get(channel="sms").status == "skipped"
