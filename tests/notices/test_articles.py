"""Refusals the measures decide carry their article (Art. 9(4)): an anonymous objection, a center name taken."""

import pytest

from ticms.notices.models import Objection, PublicNotice

from ..centers.factories import make_center
from ..factories import solved_captcha
from .factories import published_notice, ready_application

pytestmark = pytest.mark.django_db

GOOD = {"name": "张三", "organisation": "朔州某公司", "phone": "13800001111", "content": "数据不实。"}
CITATION = "第九条第（四）项"


def _objection_url(notice, api=False) -> str:
    item = notice.items.get()
    return (f"/api/v1/notices/{notice.pk}/items/{item.pk}/objections" if api
            else f"/notices/{notice.pk}/items/{item.pk}/objection/")


@pytest.mark.parametrize("name", ["", "匿名"])
def test_an_anonymous_objection_is_refused_in_json_with_its_article(client, bureau_officer, name):
    notice = published_notice(bureau_officer)
    response = client.post(_objection_url(notice, api=True), {**GOOD, "name": name},
                           content_type="application/json")
    body = response.json()
    assert response.status_code == 422
    assert body["error"] == "anonymous_objection" and body["article"] == "9(4)" and CITATION in body["detail"]
    assert not Objection.objects.exists()


def test_an_anonymous_objection_is_refused_on_the_page_citing_the_article(client, bureau_officer):
    notice = published_notice(bureau_officer)
    response = client.post(_objection_url(notice), {**GOOD, "name": "  ", **solved_captcha()})
    assert response.status_code == 422 and CITATION in response.content.decode()
    assert not Objection.objects.exists()


def test_an_objection_without_content_is_refused_without_the_real_name_article(client, bureau_officer):
    notice = published_notice(bureau_officer)
    body = client.post(_objection_url(notice, api=True), {**GOOD, "content": ""},
                       content_type="application/json").json()
    assert body["error"] == "required" and "article" not in body


@pytest.fixture
def taken_name(bureau_officer, organisation):
    return make_center(organisation, field="碳基新材料", official_name="朔州市碳基新材料技术创新中心",
                       bureau=bureau_officer).official_name


def test_a_center_name_taken_is_refused_in_json_with_its_article(client, bureau_officer, taken_name):
    app = ready_application()
    client.force_login(bureau_officer)
    response = client.post("/api/v1/notices", {"title": "公示", "application_ids": [app.pk],
                                               "contact_phone": "0349-1234567"}, content_type="application/json")
    body = response.json()
    assert response.status_code == 422
    assert body["error"] == "center_name_taken" and body["article"] == "9(4)" and CITATION in body["detail"]
    assert not PublicNotice.objects.exists()


def test_a_center_name_taken_is_refused_on_the_page_citing_the_article(client, bureau_officer, taken_name):
    app = ready_application()
    client.force_login(bureau_officer)
    response = client.post("/notices/new/", {"title": "关于拟认定的公示", "contact_phone": "0349-1234567",
                                             "starts_on": "2026-06-15", f"include_{app.pk}": "on",
                                             f"proposed_{app.pk}": "recognize"})
    page = response.content.decode()
    assert "已被已认定的中心使用" in page and CITATION in page
    assert not PublicNotice.objects.exists()
