import datetime

import pytest
from django.utils import timezone

from ticms.accounts.roles import RoleRequired
from ticms.accounts.services import create_api_token
from ticms.audit.models import Event
from ticms.calls import services
from ticms.calls.models import Call
from ticms.errors import ServiceError

pytestmark = pytest.mark.django_db


def publish(actor, **kw):
    today = timezone.localdate()
    args = {"title": "关于申报2026年度市技术创新中心的通知", "year": 2026, "opens": today,
            "closes": today + datetime.timedelta(days=20), "fields": ["储能"], "text": "正文"}
    return services.publish_call(actor=actor, **{**args, **kw})


def test_bureau_publishes_call_with_audit_event(bureau_officer):
    call = publish(bureau_officer)
    assert call.is_open and call.fields == ["储能"]
    assert Event.objects.get(action="call.publish").data["article"] == "9(1)"


def test_applicant_cannot_publish_call(applicant):
    with pytest.raises(RoleRequired) as exc:
        publish(applicant)
    assert exc.value.article == "5, 9(1)" and not Call.objects.exists()


def test_closing_before_opening_is_refused(bureau_officer):
    today = timezone.localdate()
    with pytest.raises(ServiceError) as exc:
        publish(bureau_officer, closes=today - datetime.timedelta(days=1))
    assert "closes" in exc.value.detail


def test_unknown_field_is_refused_naming_it(bureau_officer):
    with pytest.raises(ServiceError) as exc:
        publish(bureau_officer, fields=["火星采矿"])
    assert "火星采矿" in exc.value.detail["fields"]


def test_open_call_shows_on_public_home_page_and_closed_does_not(client, bureau_officer):
    publish(bureau_officer, title="开放中的通知")
    past = timezone.localdate() - datetime.timedelta(days=30)
    publish(bureau_officer, title="已截止的通知", opens=past, closes=past + datetime.timedelta(days=5))
    html = client.get("/").content.decode()
    assert "开放中的通知" in html and "已截止的通知" not in html


def test_call_pages_are_public(client, bureau_officer):
    call = publish(bureau_officer)
    assert client.get("/calls/").status_code == 200
    assert call.title in client.get(f"/calls/{call.pk}/").content.decode()


def test_call_form_for_bureau_and_403_for_others(client, bureau_officer, applicant):
    client.force_login(applicant)
    assert client.get("/calls/new/").status_code == 403
    client.force_login(bureau_officer)
    today = timezone.localdate()
    response = client.post("/calls/new/", {"title": "通知", "year": "2026", "opens": today.isoformat(),
                                           "closes": (today - datetime.timedelta(days=1)).isoformat()})
    assert response.status_code == 200 and "截止日期不能早于开始日期" in response.content.decode()
    response = client.post("/calls/new/", {"title": "通知", "year": "2026", "opens": today.isoformat(),
                                           "closes": today.isoformat(), "fields": ["储能"]})
    assert response.status_code == 302 and Call.objects.get().fields == ["储能"]


def test_api_create_and_public_list(client, bureau_officer, applicant):
    _t, raw = create_api_token(user=bureau_officer, name="t")
    today = timezone.localdate().isoformat()
    response = client.post("/api/v1/calls", {"title": "通知", "year": 2026, "opens": today, "closes": today},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 201 and response.json()["is_open"] is True
    assert [c["title"] for c in client.get("/api/v1/calls?open=true").json()] == ["通知"]


def test_api_applicant_gets_403_and_bad_dates_422(client, applicant, bureau_officer):
    _t, raw = create_api_token(user=applicant, name="t")
    body = {"title": "通知", "year": 2026, "opens": "2026-01-01", "closes": "2026-02-01"}
    response = client.post("/api/v1/calls", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
    _t, raw = create_api_token(user=bureau_officer, name="t")
    response = client.post("/api/v1/calls", {**body, "opens": "not-a-date"}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 422 and response.json()["error"] == "validation_error"
    response = client.post("/api/v1/calls", {**body, "year": 99999}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 422 and not Call.objects.exists()
