"""The public objection form and endpoint against floods: an exact per-address limit under parallel posts, and a
captcha on the page."""

import threading

import pytest
from django.db import connections
from django.test import Client

from ticms.notices.models import Objection
from ticms.notices.services import OBJECTIONS_PER_IP_PER_HOUR

from ..factories import solved_captcha
from ..notices.factories import published_notice
from .helpers import OBJECTION


def post_at_once(url: str, n: int, ip: str = "203.0.113.5") -> list[int]:
    barrier = threading.Barrier(n)
    statuses: list = []

    def post():
        try:
            barrier.wait()
            statuses.append(Client(REMOTE_ADDR=ip).post(url, OBJECTION, content_type="application/json")
                            .status_code)
        except Exception as exc:  # reported by the caller's assert
            statuses.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return sorted(statuses, key=str)


@pytest.mark.django_db(transaction=True)
def test_twelve_parallel_objections_from_one_address_accept_exactly_five(bureau_officer):
    notice = published_notice(bureau_officer)
    url = f"/api/v1/notices/{notice.pk}/items/{notice.items.get().pk}/objections"
    statuses = post_at_once(url, 12)
    assert statuses == [201] * OBJECTIONS_PER_IP_PER_HOUR + [429] * (12 - OBJECTIONS_PER_IP_PER_HOUR)
    assert Objection.objects.filter(ip="203.0.113.5").count() == OBJECTIONS_PER_IP_PER_HOUR


@pytest.mark.django_db
def test_the_objection_page_refuses_a_post_without_the_captcha(client, bureau_officer):
    notice = published_notice(bureau_officer)
    url = f"/notices/{notice.pk}/items/{notice.items.get().pk}/objection/"
    assert 'name="captcha_1"' in client.get(url).content.decode()
    refused = client.post(url, OBJECTION)
    assert refused.status_code == 422 and "请输入验证码" in refused.content.decode()
    wrong = client.post(url, {**OBJECTION, **solved_captcha(), "captcha_1": "xxxx"})
    assert wrong.status_code == 422 and "验证码不正确" in wrong.content.decode()
    assert not Objection.objects.exists()
    assert client.post(url, {**OBJECTION, **solved_captcha()}).status_code == 200
    assert Objection.objects.count() == 1
