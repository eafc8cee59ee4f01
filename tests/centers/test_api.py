"""The registry's API: scoped reads, profile PATCH by the host unit, change requests and filings driven by
transitions, support by the bureau; bad input answered with JSON 4xx, never a 500."""

import json

import pytest

pytestmark = pytest.mark.django_db


def call(client, user, method, path, body=None):
    client.force_login(user)
    fn = getattr(client, method)
    if body is None:
        return fn(f"/api/v1{path}")
    return fn(f"/api/v1{path}", data=json.dumps(body), content_type="application/json")


def test_list_is_scoped_per_role(client, center, other_center, applicant, county_officer, other_county_officer,
                                 bureau_officer, expert_user):
    def names(user):
        return {c["official_name"] for c in call(client, user, "get", "/centers").json()}

    assert names(applicant) == {center.official_name}
    assert names(county_officer) == {center.official_name}
    assert names(other_county_officer) == {other_center.official_name}
    assert names(bureau_officer) == {center.official_name, other_center.official_name}
    assert names(expert_user) == set()


def test_other_host_unit_gets_404_on_detail_and_patch(client, center, other_applicant):
    assert call(client, other_applicant, "get", f"/centers/{center.pk}").status_code == 404
    response = call(client, other_applicant, "patch", f"/centers/{center.pk}", {"fixed_staff": 30})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_county_officer_reads_but_cannot_patch(client, center, county_officer):
    assert call(client, county_officer, "get", f"/centers/{center.pk}").status_code == 200
    response = call(client, county_officer, "patch", f"/centers/{center.pk}", {"fixed_staff": 30})
    assert response.status_code == 403


def test_host_unit_patches_profile(client, center, applicant):
    response = call(client, applicant, "patch", f"/centers/{center.pk}",
                    {"fixed_staff": 30, "equipment_value": "2500000", "legal_form": "firm"})
    assert response.status_code == 200
    data = response.json()
    assert (data["fixed_staff"], data["equipment_value"], data["legal_form"]) == (30, "2500000.00", "firm")
    assert "available_transitions" in data and data["status"] == "active"


@pytest.mark.parametrize(
    "body",
    [{"fixed_staff": -1}, {"fixed_staff": "many"}, {"fixed_staff": 10**30}, {"equipment_value": "1e400"},
     {"floor_area_m2": [1]}, {"legal_form_target_date": "not-a-date"}, {"partner_units": "abc"}],
)
def test_bad_profile_input_is_a_clear_4xx(client, center, applicant, body):
    response = call(client, applicant, "patch", f"/centers/{center.pk}", body)
    assert response.status_code in (400, 422)
    assert response.json()["error"] in ("validation_error", "bad_request")


def test_change_request_full_path_by_api(client, center, applicant, county_officer, bureau_officer):
    created = call(client, applicant, "post", "/change-requests",
                   {"center_id": center.pk, "kind": "rename", "new_name": "朔州市新型储能技术创新中心",
                    "reasons": "拓展方向"})
    assert created.status_code == 201
    cr = created.json()
    assert cr["state"] == "draft"
    assert [t["name"] for t in cr["available_transitions"]] == ["submit"]
    for user, name in ((applicant, "submit"), (county_officer, "county_agree"), (bureau_officer, "approve")):
        response = call(client, user, "post", f"/change-requests/{cr['id']}/transitions/{name}", {"comment": ""})
        assert response.status_code == 200, response.json()
    assert response.json()["state"] == "approved"
    detail = call(client, bureau_officer, "get", f"/centers/{center.pk}").json()
    assert detail["official_name"] == "朔州市新型储能技术创新中心"
    assert detail["history"][0]["old_value"] == "朔州市储能技术创新中心"


def test_pattern_breaking_rename_answers_422_with_article(client, center, applicant):
    cr = call(client, applicant, "post", "/change-requests",
              {"center_id": center.pk, "kind": "rename", "new_name": "储能中心", "reasons": "x"}).json()
    submit = [t for t in cr["available_transitions"] if t["name"] == "submit"][0]
    assert submit["allowed"] is False and submit["reasons"][0]["article"] == "9(4)"
    response = call(client, applicant, "post", f"/change-requests/{cr['id']}/transitions/submit", {})
    assert response.status_code == 422
    assert response.json()["detail"][0]["article"] == "9(4)"


def test_change_request_with_unknown_kind_or_unit_is_422(client, center, applicant):
    response = call(client, applicant, "post", "/change-requests",
                    {"center_id": center.pk, "kind": "merge", "reasons": "x"})
    assert response.status_code == 422
    response = call(client, applicant, "post", "/change-requests",
                    {"center_id": center.pk, "kind": "host_unit", "new_unit_id": 987654, "reasons": "x"})
    assert response.status_code == 422 and "new_unit" in response.json()["detail"]


def test_other_county_gets_404_on_change_request(client, center, applicant, other_county_officer):
    cr = call(client, applicant, "post", "/change-requests",
              {"center_id": center.pk, "kind": "rename", "new_name": "朔州市新型储能技术创新中心",
               "reasons": "x"}).json()
    call(client, applicant, "post", f"/change-requests/{cr['id']}/transitions/submit", {})
    response = call(client, other_county_officer, "post", f"/change-requests/{cr['id']}/transitions/county_agree",
                    {})
    assert response.status_code == 404


def test_filing_flagged_and_returned_by_api(client, center, applicant, bureau_officer):
    created = call(client, applicant, "post", "/filings",
                   {"center_id": center.pk, "kind": "director", "person_name": "张主任", "person_title": "助理工程师",
                    "appointed_on": "2025-06-01"})
    assert created.status_code == 201
    filing = created.json()
    assert filing["flagged"] is True and filing["title_check"] == "not_met"
    response = call(client, bureau_officer, "post", f"/filings/{filing['id']}/transitions/return_filing",
                    {"comment": "主任须具有高级职称"})
    assert response.json()["state"] == "returned"
    response = call(client, applicant, "post", f"/filings/{filing['id']}/resubmit", {"person_title": "研究员"})
    assert (response.json()["state"], response.json()["flagged"]) == ("submitted", False)


def test_filing_with_missing_fields_is_422(client, center, applicant):
    response = call(client, applicant, "post", "/filings", {"center_id": center.pk, "kind": "director"})
    assert response.status_code == 422
    assert set(response.json()["detail"]) >= {"person_name", "appointed_on"}


def test_supports_posted_by_bureau_only_and_listed_in_scope(client, center, applicant, other_applicant,
                                                            bureau_officer):
    body = {"center_id": center.pk, "kind": "innovation_consortium", "title": "储能创新联合体", "year": 2025}
    assert call(client, applicant, "post", "/supports", body).status_code == 403
    assert call(client, bureau_officer, "post", "/supports", body).status_code == 201
    assert [s["title"] for s in call(client, applicant, "get", "/supports").json()] == ["储能创新联合体"]
    assert call(client, other_applicant, "get", "/supports").json() == []


def test_center_revocation_by_api_records_article(client, center, bureau_officer):
    response = call(client, bureau_officer, "post", f"/centers/{center.pk}/transitions/revoke",
                    {"comment": "依托单位申请撤销", "article": "5(4)"})
    assert response.status_code == 200
    assert response.json()["status_history"][-1]["article"] == "5(4)"


def test_unknown_transition_is_404_not_500(client, center, bureau_officer):
    response = call(client, bureau_officer, "post", f"/centers/{center.pk}/transitions/explode", {})
    assert response.status_code == 404


def test_output_posted_by_host_unit(client, center, applicant):
    response = call(client, applicant, "post", f"/centers/{center.pk}/outputs",
                    {"kind": "ip_asset", "title": "一种储能电池", "year": 2025, "carries_center_name": True})
    assert response.status_code == 201


def allowed(record: dict) -> set[str]:
    return {t["name"] for t in record["available_transitions"] if t["allowed"]}


def offered(record: dict) -> set[str]:
    return {t["name"] for t in record["available_transitions"]}


def test_center_list_gives_the_bureau_the_transitions_of_the_detail(client, center, bureau_officer):
    [listed] = call(client, bureau_officer, "get", "/centers").json()
    detail = call(client, bureau_officer, "get", f"/centers/{center.pk}").json()
    assert listed["state"] == listed["status"] == detail["state"] == "active"
    assert listed["available_transitions"] == detail["available_transitions"]
    assert allowed(listed) == {"revoke"}


@pytest.mark.parametrize("who", ["applicant", "county_officer"])
def test_center_list_refuses_status_changes_to_other_roles(client, center, who, request):
    [listed] = call(client, request.getfixturevalue(who), "get", "/centers").json()
    assert listed["state"] == "active" and offered(listed) == {"revoke"}
    assert allowed(listed) == set()


def test_center_list_stays_free_of_personal_data(client, center, bureau_officer):
    [listed] = call(client, bureau_officer, "get", "/centers").json()
    assert not {"director", "director_title", "committee_chair", "committee_members", "charter"} & set(listed)


def test_public_directory_carries_state(client, center):
    [entry] = client.get("/api/v1/centers/public").json()
    assert entry["state"] == entry["status"] == "active"


def test_center_list_does_not_grow_queries(client, organisation, bureau_officer, django_assert_max_num_queries):
    from .factories import make_center

    for _ in range(8):
        make_center(organisation, bureau=bureau_officer)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/centers").json()
    assert len(body) == 8 and all(allowed(c) == {"revoke"} for c in body)
