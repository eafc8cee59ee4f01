"""Notice pages: public without sign-in (published only, no personal data); the bureau's drafts and objections."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from ticms.notices import services
from ticms.notices.models import Objection

from ..factories import solved_captcha
from .factories import at, draft_notice, ended_notice, published_notice, ready_application

pytestmark = pytest.mark.django_db

GOOD = {"name": "张三", "organisation": "朔州某公司", "phone": "13800001111", "content": "数据不实。"}


def test_public_list_and_page_render_without_sign_in(client, bureau_officer):
    notice = published_notice(bureau_officer)
    draft = draft_notice(bureau_officer)
    listing = client.get("/notices/").content.decode()
    assert notice.title in listing and f"/notices/{draft.pk}/" not in listing
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert notice.period_zh in page and "0349-2021234" in page
    assert "朔州市碳基新材料技术创新中心" in page and "拟认定" in page


def test_a_draft_notice_is_not_public(client, bureau_officer):
    draft = draft_notice(bureau_officer)
    assert client.get(f"/notices/{draft.pk}/").status_code == 404
    assert client.get(f"/notices/{draft.pk}/items/{draft.items.get().pk}/objection/").status_code == 404


def test_public_pages_show_no_objector_phone_or_name(client, bureau_officer):
    notice = published_notice(bureau_officer)
    services.raise_objection(item=notice.items.get(), **GOOD)
    page = client.get(f"/notices/{notice.pk}/").content.decode() + client.get("/notices/").content.decode()
    assert "13800001111" not in page and "张三" not in page


def test_the_public_raises_an_objection_and_gets_a_reference(client, bureau_officer):
    notice = published_notice(bureau_officer)
    item = notice.items.get()
    response = client.post(f"/notices/{notice.pk}/items/{item.pk}/objection/", {**GOOD, **solved_captcha()})
    objection = Objection.objects.get()
    assert response.status_code == 200 and objection.reference in response.content.decode()


def test_the_objection_form_refuses_a_missing_name(client, bureau_officer):
    notice = published_notice(bureau_officer)
    response = client.post(f"/notices/{notice.pk}/items/{notice.items.get().pk}/objection/",
                           {**GOOD, "name": "", **solved_captcha()})
    assert response.status_code == 422 and not Objection.objects.exists()


def test_the_objection_form_is_closed_after_the_period(client, bureau_officer):
    notice = ended_notice(bureau_officer)
    url = f"/notices/{notice.pk}/items/{notice.items.get().pk}/objection/"
    assert "公示期已结束" in client.get(url).content.decode()
    response = client.post(url, {**GOOD, **solved_captcha()})
    assert response.status_code == 409 and not Objection.objects.exists()


def test_the_objection_form_is_csrf_protected(bureau_officer):
    notice = published_notice(bureau_officer)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/notices/{notice.pk}/items/{notice.items.get().pk}/objection/", GOOD)
    assert response.status_code == 403 and not Objection.objects.exists()


def test_bureau_creates_and_publishes_a_notice_from_the_pages(client, bureau_officer):
    app = ready_application(proposed_outcome="preparatory")
    client.force_login(bureau_officer)
    form = client.get("/notices/new/").content.decode()
    assert str(app) in form
    response = client.post("/notices/new/", {
        "title": "关于拟认定的公示", "starts_on": timezone.localdate().isoformat(), "contact_phone": "0349-1234567",
        f"include_{app.pk}": "on", f"proposed_{app.pk}": "preparatory", "text": "",
    })
    assert response.status_code == 302
    notice_url = response["Location"]
    page = client.post(f"{notice_url}transitions/publish/", {"expected_state": "draft"}, follow=True)
    assert "公示已发布" in page.content.decode()
    app.refresh_from_db()
    assert app.state == "publicized"


def test_a_notice_without_applications_is_refused_on_the_page(client, bureau_officer):
    ready_application()
    client.force_login(bureau_officer)
    response = client.post("/notices/new/", {"title": "x", "starts_on": "2026-03-09", "contact_phone": "123456"})
    assert response.status_code == 200 and "请至少勾选一项申请" in response.content.decode()


def test_bureau_handles_an_objection_on_its_page(client, bureau_officer):
    notice = published_notice(bureau_officer)
    objection = services.raise_objection(item=notice.items.get(), **GOOD)
    client.force_login(bureau_officer)
    url = f"/notices/objections/{objection.pk}/"
    assert "13800001111" in client.get(url).content.decode()
    client.post(f"{url}transitions/sustain/", {"comment": "", "expected_state": "open"})
    objection.refresh_from_db()
    assert objection.state == "open"
    client.post(f"{url}transitions/sustain/", {"comment": "核实属实", "expected_state": "open"})
    objection.refresh_from_db()
    assert objection.state == "sustained" and objection.handling == "核实属实"


@pytest.mark.parametrize("who", ["applicant", "county_officer", "expert_user"])
def test_objections_are_for_the_bureau_only(client, bureau_officer, who, request):
    notice = published_notice(bureau_officer)
    objection = services.raise_objection(item=notice.items.get(), **GOOD)
    client.force_login(request.getfixturevalue(who))
    assert client.get("/notices/objections/").status_code == 403
    assert client.get(f"/notices/objections/{objection.pk}/").status_code == 403
    assert client.get("/api/v1/objections").status_code == 403


def test_objection_list_does_not_grow_queries(client, bureau_officer, django_assert_max_num_queries):
    notice = published_notice(bureau_officer)
    for i in range(10):
        services.raise_objection(item=notice.items.get(), ip=f"10.0.0.{i}", **GOOD)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(10):
        assert client.get("/notices/objections/").status_code == 200


def test_notice_list_does_not_grow_queries(client, bureau_officer, django_assert_max_num_queries):
    for _ in range(5):
        published_notice(bureau_officer)
    with django_assert_max_num_queries(6):
        assert client.get("/notices/").status_code == 200


def test_bureau_workbench_shows_open_objections_and_ended_notices(client, bureau_officer):
    notice = published_notice(bureau_officer)
    services.raise_objection(item=notice.items.get(), **GOOD)
    ended = ended_notice(bureau_officer)
    client.force_login(bureau_officer)
    page = client.get("/workbench/").content.decode()
    assert "待处理的异议" in page and ended.title in page


def test_home_page_lists_current_notices(client, bureau_officer):
    with at(timezone.localdate() - datetime.timedelta(days=1)):
        notice = published_notice(bureau_officer)
    assert notice.title in client.get("/").content.decode()
