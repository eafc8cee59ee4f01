"""The client address behind a reverse proxy: X-Forwarded-For counts only when a trusted proxy sent the request."""

import pytest

from tests.factories import solved_captcha
from tests.notices.factories import published_notice
from ticms.audit.models import Event
from ticms.notices.models import Objection
from ticms.notices.services import OBJECTIONS_PER_IP_PER_HOUR

pytestmark = pytest.mark.django_db

OBJECTION = {"name": "张三", "organisation": "朔州某公司", "phone": "13800001111", "content": "数据不实。"}


def sign_in_ip(client, applicant, **headers) -> str:
    client.post("/login/", {"username": applicant.username, "password": "pass-12345"}, **headers)
    return Event.objects.filter(action="auth.sign_in", actor=applicant).latest("seq").ip


def test_a_spoofed_forwarded_for_is_ignored_without_a_trusted_proxy(client, applicant, settings):
    settings.TICMS_TRUSTED_PROXIES = []
    assert sign_in_ip(client, applicant, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.9.9.9") == "198.51.100.7"


def test_a_forwarded_for_from_an_untrusted_peer_is_ignored(client, applicant, settings):
    settings.TICMS_TRUSTED_PROXIES = ["10.0.0.2"]
    assert sign_in_ip(client, applicant, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.9.9.9") == "198.51.100.7"


def test_behind_a_trusted_proxy_the_audit_event_records_the_client(client, applicant, settings):
    settings.TICMS_TRUSTED_PROXIES = ["10.0.0.2"]
    assert sign_in_ip(client, applicant, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9") == "203.0.113.9"


def test_the_client_cannot_choose_its_address_by_prefixing_the_header(client, applicant, settings):
    # The client sent "X-Forwarded-For: 1.2.3.4"; two trusted proxies appended what they saw.
    settings.TICMS_TRUSTED_PROXIES = ["10.0.0.0/24"]
    ip = sign_in_ip(client, applicant, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9, 10.0.0.3")
    assert ip == "203.0.113.9"


def test_garbage_in_the_header_falls_back_to_the_proxy_address(client, applicant, settings):
    settings.TICMS_TRUSTED_PROXIES = ["10.0.0.2"]
    assert sign_in_ip(client, applicant, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip") == "10.0.0.2"


def raise_objections(client, notice, count, **headers):
    item = notice.items.get()
    return [client.post(f"/notices/{notice.pk}/items/{item.pk}/objection/", {**OBJECTION, **solved_captcha()},
                        **headers).status_code
            for _ in range(count)]


def test_objection_rate_limit_cannot_be_escaped_with_a_spoofed_header(client, bureau_officer, frozen_today,
                                                                       settings):
    settings.TICMS_TRUSTED_PROXIES = []
    notice = published_notice(bureau_officer)
    for n in range(OBJECTIONS_PER_IP_PER_HOUR):
        raise_objections(client, notice, 1, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.1.1.{n}")
    refused = raise_objections(client, notice, 1, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.1.1.99")
    assert Objection.objects.count() == OBJECTIONS_PER_IP_PER_HOUR
    assert set(Objection.objects.values_list("ip", flat=True)) == {"198.51.100.7"}
    assert refused != [200]


def test_behind_a_trusted_proxy_each_client_has_its_own_objection_limit(client, bureau_officer, frozen_today,
                                                                         settings):
    settings.TICMS_TRUSTED_PROXIES = ["10.0.0.2"]
    notice = published_notice(bureau_officer)
    raise_objections(client, notice, OBJECTIONS_PER_IP_PER_HOUR, REMOTE_ADDR="10.0.0.2",
                     HTTP_X_FORWARDED_FOR="203.0.113.1")
    # The first client has used its hour; a second one behind the same proxy still may object.
    assert raise_objections(client, notice, 1, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.2") == [200]
    assert Objection.objects.filter(ip="203.0.113.1").count() == OBJECTIONS_PER_IP_PER_HOUR
    assert Objection.objects.filter(ip="203.0.113.2").count() == 1
