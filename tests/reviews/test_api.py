"""REST API of expert review: panels, declarations, replacement, opinions, the pool; JSON errors for bad input."""

import pytest

from ticms.reviews import services
from ticms.reviews.models import Panel

from .factories import FIELD, ExpertFactory, expert_with_account, panel_for, scores

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_bureau_forms_a_panel_for_an_application(client, bureau_officer, subject):
    ExpertFactory.create_batch(4)
    ExpertFactory(organisation=subject.lead_unit)
    client.force_login(bureau_officer)
    response = post(client, "/api/v1/panels", {"subject_type": "application", "subject_id": subject.pk, "size": 3,
                                               "defence_place": "市科技局三楼会议室"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["field"] == FIELD and len(body["assignments"]) == 3 and body["draw_number"] == 1
    assert body["excluded_org_ids"] == [subject.lead_unit_id]
    assert body["result"]["complete"] is False


@pytest.mark.parametrize("payload,status,error", [
    ({"subject_type": "center", "subject_id": 1, "size": 3}, 422, "bad_subject_type"),
    ({"subject_type": "application", "subject_id": 10**25, "size": 3}, 404, "subject_not_found"),
    ({"subject_type": "application", "subject_id": 999999, "size": 3}, 404, "subject_not_found"),
    ({"subject_type": "application", "size": 3}, 422, "validation_error"),
    ({"subject_type": "application", "subject_id": "x", "size": 3}, 422, "validation_error"),
])
def test_bad_panel_requests_get_json_errors(client, bureau_officer, payload, status, error):
    client.force_login(bureau_officer)
    response = post(client, "/api/v1/panels", payload)
    assert response.status_code == status and response.json()["error"] == error


def test_panel_shortfall_is_a_422_naming_the_numbers(client, bureau_officer, subject):
    client.force_login(bureau_officer)
    response = post(client, "/api/v1/panels", {"subject_type": "application", "subject_id": subject.pk, "size": 2})
    assert response.status_code == 422
    assert response.json()["error"] == "shortfall" and "还差 2 名" in response.json()["detail"]


def test_negative_size_is_refused_and_a_typed_seed_is_not_accepted(client, bureau_officer, subject):
    ExpertFactory.create_batch(3)
    client.force_login(bureau_officer)
    base = {"subject_type": "application", "subject_id": subject.pk}
    assert post(client, "/api/v1/panels", {**base, "size": -2}).json()["error"] == "invalid_size"
    refused = post(client, "/api/v1/panels", {**base, "size": 1, "seed": 123})
    assert refused.status_code == 422
    assert refused.json()["error"] == "seed_not_accepted" and refused.json()["article"] == "9(3)"
    assert not Panel.objects.exists()


@pytest.mark.parametrize("who", ["applicant", "county_officer", "expert_user"])
def test_only_the_bureau_forms_panels_and_reads_them(client, bureau_officer, subject, who, request):
    panel = panel_for(bureau_officer, subject, size=1)
    client.force_login(request.getfixturevalue(who))
    body = {"subject_type": "application", "subject_id": subject.pk, "size": 1}
    assert post(client, "/api/v1/panels", body).status_code == 403
    assert client.get(f"/api/v1/panels/{panel.pk}").status_code == 404


def test_expert_declares_and_submits_through_the_api(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.select_related("expert__user").get()
    client.force_login(a.expert.user)
    before = client.get(f"/api/v1/assignments/{a.pk}").json()
    assert "site_visit_place" not in before and before["organisations"] == [subject.lead_unit.name]
    declared = post(client, f"/api/v1/assignments/{a.pk}/declaration", {"no_conflict": True}).json()
    assert declared["declaration"] == "no_conflict" and "site_visit_place" in declared
    response = post(client, f"/api/v1/assignments/{a.pk}/opinion",
                    {"scores": scores(0.7), "comment": "可行", "recommendation": "preparatory"})
    assert response.status_code == 201 and response.json()["opinion"]["total"] == "70.00"
    again = post(client, f"/api/v1/assignments/{a.pk}/opinion",
                 {"scores": scores(0.9), "comment": "改", "recommendation": "recognize"})
    assert again.status_code == 409 and again.json()["error"] == "opinion_locked"


def test_scores_out_of_range_via_api_are_a_422_per_indicator(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.select_related("expert__user").get()
    services.declare(actor=a.expert.user, assignment=a, no_conflict=True)
    client.force_login(a.expert.user)
    bad = {k: 10**9 for k in scores()}
    response = post(client, f"/api/v1/assignments/{a.pk}/opinion",
                    {"scores": bad, "comment": "x", "recommendation": "recognize"})
    assert response.status_code == 422 and set(response.json()["detail"]) == set(scores())


def test_an_expert_not_on_the_panel_gets_404_from_the_api(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.get()
    outsider = expert_with_account()
    client.force_login(outsider.user)
    assert client.get(f"/api/v1/assignments/{a.pk}").status_code == 404
    assert post(client, f"/api/v1/assignments/{a.pk}/declaration", {"no_conflict": True}).status_code == 404
    assert post(client, f"/api/v1/assignments/{a.pk}/opinion",
                {"scores": scores(), "comment": "x", "recommendation": "recognize"}).status_code == 404


def test_recusal_without_reason_is_a_422(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.select_related("expert__user").get()
    client.force_login(a.expert.user)
    response = post(client, f"/api/v1/assignments/{a.pk}/declaration", {"no_conflict": False})
    assert response.status_code == 422 and response.json()["detail"][0]["code"] == "comment_required"


def test_bureau_replaces_through_the_api(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1, experts=[expert_with_account() for _ in range(2)])
    a = panel.assignments.select_related("expert__user").get()
    services.declare(actor=a.expert.user, assignment=a, no_conflict=False, reason="师生关系")
    client.force_login(bureau_officer)
    response = post(client, f"/api/v1/assignments/{a.pk}/replace", {})
    assert response.status_code == 201 and response.json()["replaced"] == a.pk
    panel_json = client.get(f"/api/v1/panels/{panel.pk}").json()
    assert [x["active"] for x in panel_json["assignments"]] == [False, True]


def test_expert_list_is_for_the_bureau(client, bureau_officer, applicant):
    ExpertFactory(fields=["储能"])
    ExpertFactory()
    client.force_login(bureau_officer)
    assert len(client.get("/api/v1/experts", {"field": "储能"}).json()) == 1
    client.force_login(applicant)
    assert client.get("/api/v1/experts").status_code == 403


def allowed(record: dict) -> set[str]:
    return {t["name"] for t in record["available_transitions"] if t["allowed"]}


def offered(record: dict) -> set[str]:
    return {t["name"] for t in record["available_transitions"]}


def test_drawn_expert_may_declare_or_recuse_on_a_pending_assignment(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.select_related("expert__user").get()
    client.force_login(a.expert.user)
    body = client.get(f"/api/v1/assignments/{a.pk}").json()
    assert body["state"] == body["declaration"] == "pending"
    assert allowed(body) == {"declare_no_conflict", "recuse"}


def test_declared_assignment_has_state_and_no_transition_left(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.select_related("expert__user").get()
    client.force_login(a.expert.user)
    body = post(client, f"/api/v1/assignments/{a.pk}/declaration", {"no_conflict": True}).json()
    assert body["state"] == "no_conflict" and body["available_transitions"] == []


def test_panel_has_no_state_but_each_assignment_has_its_own(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=2)
    first = panel.assignments.select_related("expert__user").order_by("pk").first()
    services.declare(actor=first.expert.user, assignment=first, no_conflict=True)
    client.force_login(bureau_officer)
    body = client.get(f"/api/v1/panels/{panel.pk}").json()
    assert "state" not in body and "available_transitions" not in body
    assert [a["state"] for a in body["assignments"]] == ["no_conflict", "pending"]
    assert [offered(a) for a in body["assignments"]] == [set(), {"declare_no_conflict", "recuse"}]


def test_bureau_may_not_declare_for_an_expert(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    client.force_login(bureau_officer)
    [a] = client.get(f"/api/v1/panels/{panel.pk}").json()["assignments"]
    assert offered(a) == {"declare_no_conflict", "recuse"} and allowed(a) == set()
    assert {r["code"] for t in a["available_transitions"] for r in t["reasons"]} == {"role"}
