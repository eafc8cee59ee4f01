"""Notices API: public reading and objecting without sign-in; the bureau creates, publishes and handles."""

import datetime

import pytest

from ticms.notices.models import Objection

from .factories import at, draft_notice, ended_notice, published_notice, ready_application

pytestmark = pytest.mark.django_db

GOOD = {"name": "张三", "organisation": "朔州某公司", "phone": "13800001111", "content": "数据不实。"}


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_public_list_shows_published_notices_only(client, bureau_officer):
    published = published_notice(bureau_officer)
    draft_notice(bureau_officer)
    body = client.get("/api/v1/notices").json()
    assert [n["id"] for n in body] == [published.pk]
    assert body[0]["period"] == published.period_zh and "application_ids" not in body[0]


def test_bureau_creates_and_publishes_through_the_api(client, bureau_officer):
    a, b = ready_application(), ready_application(proposed_outcome="preparatory", field="储能")
    client.force_login(bureau_officer)
    with at(datetime.date(2025, 9, 26)):
        response = post(client, "/api/v1/notices", {"title": "公示", "application_ids": [a.pk, b.pk],
                                                    "contact_phone": "0349-1", "starts_on": "2025-09-26"})
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["ends_on"] == "2025-10-09"
        assert [i["proposed"] for i in body["items"]] == ["recognize", "preparatory"]
        published = post(client, f"/api/v1/notices/{body['id']}/publish", {})
    assert published.status_code == 200 and published.json()["state"] == "published"


@pytest.mark.parametrize("payload,status", [
    ({"title": "x", "application_ids": [], "contact_phone": "1"}, 422),
    ({"title": "x", "application_ids": [999999], "contact_phone": "1"}, 404),
    ({"title": "x", "application_ids": "1", "contact_phone": "1"}, 422),
    ({"application_ids": [1]}, 422),
])
def test_bad_notice_requests_get_json_errors(client, bureau_officer, payload, status):
    client.force_login(bureau_officer)
    response = post(client, "/api/v1/notices", payload)
    assert response.status_code == status and response.json()["error"]


def test_publishing_twice_is_a_409(client, bureau_officer):
    notice = published_notice(bureau_officer)
    client.force_login(bureau_officer)
    assert post(client, f"/api/v1/notices/{notice.pk}/publish", {}).status_code == 409


def test_anyone_objects_through_the_api_without_signing_in(client, bureau_officer):
    notice = published_notice(bureau_officer)
    response = post(client, f"/api/v1/notices/{notice.pk}/items/{notice.items.get().pk}/objections", GOOD)
    assert response.status_code == 201 and response.json()["reference"] == Objection.objects.get().reference


def test_api_objection_without_name_or_after_the_end_is_refused(client, bureau_officer):
    notice = published_notice(bureau_officer)
    url = f"/api/v1/notices/{notice.pk}/items/{notice.items.get().pk}/objections"
    assert post(client, url, {**GOOD, "name": ""}).status_code == 422
    ended = ended_notice(bureau_officer)
    late = post(client, f"/api/v1/notices/{ended.pk}/items/{ended.items.get().pk}/objections", GOOD)
    assert late.status_code == 409 and late.json()["error"] == "period_ended"


def test_an_item_of_another_notice_is_a_404(client, bureau_officer):
    one, two = published_notice(bureau_officer), published_notice(bureau_officer)
    url = f"/api/v1/notices/{one.pk}/items/{two.items.get().pk}/objections"
    assert post(client, url, GOOD).status_code == 404


def test_bureau_records_handling_through_the_api(client, bureau_officer, frozen_today):
    notice = published_notice(bureau_officer, starts_on=frozen_today)
    post(client, f"/api/v1/notices/{notice.pk}/items/{notice.items.get().pk}/objections", GOOD)
    objection = Objection.objects.get()
    client.force_login(bureau_officer)
    refused = post(client, f"/api/v1/objections/{objection.pk}/handling", {"sustained": True})
    assert refused.status_code == 422
    ok = post(client, f"/api/v1/objections/{objection.pk}/handling", {"sustained": False, "handling": "不成立"})
    assert ok.status_code == 200 and ok.json()["state"] == "dismissed"
    assert client.get("/api/v1/objections").json()[0]["handling"] == "不成立"


def allowed(record: dict) -> set[str]:
    return {t["name"] for t in record["available_transitions"] if t["allowed"]}


def offered(record: dict) -> set[str]:
    return {t["name"] for t in record["available_transitions"]}


def test_bureau_may_sustain_or_dismiss_an_open_objection_in_the_list(client, bureau_officer):
    notice = published_notice(bureau_officer)
    post(client, f"/api/v1/notices/{notice.pk}/items/{notice.items.get().pk}/objections", GOOD)
    client.force_login(bureau_officer)
    [objection] = client.get("/api/v1/objections").json()
    assert objection["state"] == "open"
    assert allowed(objection) == {"sustain", "dismiss"}


def test_handled_objection_answers_with_no_transition_left(client, bureau_officer):
    notice = published_notice(bureau_officer)
    post(client, f"/api/v1/notices/{notice.pk}/items/{notice.items.get().pk}/objections", GOOD)
    client.force_login(bureau_officer)
    handled = post(client, f"/api/v1/objections/{Objection.objects.get().pk}/handling",
                   {"sustained": True, "handling": "成立"}).json()
    assert handled["state"] == "sustained" and handled["available_transitions"] == []


@pytest.mark.parametrize("who", ["applicant", "county_officer", None])
def test_objection_json_refuses_handling_to_anyone_but_the_bureau(bureau_officer, who, request):
    from django.contrib.auth.models import AnonymousUser

    from ticms.notices import services
    from ticms.notices.api import objection_dict

    notice = published_notice(bureau_officer)
    objection = services.raise_objection(item=notice.items.get(), **GOOD)
    user = request.getfixturevalue(who) if who else AnonymousUser()
    data = objection_dict(objection, user)
    assert data["state"] == "open" and offered(data) == {"sustain", "dismiss"} and allowed(data) == set()
    assert {r["code"] for t in data["available_transitions"] for r in t["reasons"]} == {"role"}


def test_anonymous_notice_list_carries_state_and_transitions(client, bureau_officer):
    published_notice(bureau_officer)
    response = client.get("/api/v1/notices")
    assert response.status_code == 200
    [notice] = response.json()
    assert notice["state"] == "published" and notice["available_transitions"] == []


def test_signed_in_notice_list_carries_transitions_for_every_role(client, bureau_officer, applicant):
    published_notice(bureau_officer)
    for user in (bureau_officer, applicant):
        client.force_login(user)
        [notice] = client.get("/api/v1/notices").json()
        assert notice["state"] == "published" and notice["available_transitions"] == []


def test_draft_notice_offers_publish_to_the_bureau_only(client, bureau_officer, applicant):
    from django.contrib.auth.models import AnonymousUser

    from ticms.notices.api import notice_dict

    notice = draft_notice(bureau_officer)
    client.force_login(bureau_officer)
    detail = client.get(f"/api/v1/notices/{notice.pk}").json()
    assert detail["state"] == "draft" and allowed(detail) == {"publish"}
    for user in (applicant, AnonymousUser()):
        data = notice_dict(notice, user)
        assert offered(data) == {"publish"} and allowed(data) == set()


def test_api_objection_list_does_not_grow_queries(client, bureau_officer, django_assert_max_num_queries):
    from ticms.notices import services

    notice = published_notice(bureau_officer)
    for i in range(10):
        services.raise_objection(item=notice.items.get(), ip=f"10.0.1.{i}", **GOOD)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/objections").json()
    assert len(body) == 10 and all(allowed(o) == {"sustain", "dismiss"} for o in body)


def test_the_list_gives_each_notices_item_count_and_link_and_the_items_when_asked(client, bureau_officer):
    published = published_notice(bureau_officer)
    [entry] = client.get("/api/v1/notices").json()
    assert "items" not in entry and entry["items_count"] == published.items.count() >= 1
    detail = client.get(entry["items_url"]).json()
    assert len(detail["items"]) == detail["items_count"] == entry["items_count"]
    [full] = client.get("/api/v1/notices?include=items").json()
    assert full["items"] == detail["items"]
