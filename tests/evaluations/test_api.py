import datetime

import pytest

from .factories import full_data, to_scoring

pytestmark = pytest.mark.django_db


def test_bureau_opens_round_through_api(client, bureau_officer, center, this_year):
    client.force_login(bureau_officer)
    deadline = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()
    response = client.post("/api/v1/evaluation-rounds", {"year": this_year, "materials_deadline": deadline},
                           content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "open" and [e["center_id"] for e in body["evaluations"]] == [center.pk]
    assert body["available_transitions"][0]["name"] == "close"


@pytest.mark.parametrize("payload", [{"year": "abc", "materials_deadline": "2030-01-01"}, {"year": 2025},
                                     {"year": 99999, "materials_deadline": "2030-01-01"},
                                     {"year": 2025, "materials_deadline": "yesterday"}])
def test_bad_round_input_gets_json_error(client, bureau_officer, payload):
    client.force_login(bureau_officer)
    response = client.post("/api/v1/evaluation-rounds", payload, content_type="application/json")
    assert response.status_code == 422 and set(response.json()) == {"error", "detail"}


def test_applicant_cannot_open_round(client, applicant, center, this_year):
    client.force_login(applicant)
    response = client.post("/api/v1/evaluation-rounds", {"year": this_year, "materials_deadline": "2099-01-01"},
                           content_type="application/json")
    assert response.status_code == 403


def test_host_unit_patches_materials_and_submits(client, applicant, evaluation):
    client.force_login(applicant)
    response = client.patch(f"/api/v1/evaluations/{evaluation.pk}",
                            {"self_assessment": "自评", "indicator_data": full_data(evaluation)},
                            content_type="application/json")
    assert response.status_code == 200
    year = str(evaluation.data_years[0])
    assert response.json()["indicator_data"][year]["revenue"] == "1000"
    submit = client.post(f"/api/v1/evaluations/{evaluation.pk}/transitions/submit", {}, content_type="application/json")
    assert submit.status_code == 200 and submit.json()["state"] == "submitted"


def test_patch_with_negative_number_is_422_and_writes_nothing(client, applicant, evaluation):
    client.force_login(applicant)
    data = full_data(evaluation, revenue="-5")
    response = client.patch(f"/api/v1/evaluations/{evaluation.pk}", {"indicator_data": data},
                            content_type="application/json")
    assert response.status_code == 422 and response.json()["error"] == "invalid_indicator_data"
    evaluation.refresh_from_db()
    assert evaluation.indicator_data == {}


def test_transition_by_wrong_role_is_403(client, applicant, evaluation):
    from .factories import submit_materials

    submit_materials(applicant, evaluation)
    client.force_login(applicant)
    response = client.post(f"/api/v1/evaluations/{evaluation.pk}/transitions/county_forward", {},
                           content_type="application/json")
    assert response.status_code == 403 and response.json()["error"] == "forbidden"


def test_conclude_through_api_with_grade(client, applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation)
    client.force_login(bureau_officer)
    response = client.post(f"/api/v1/evaluations/{ev.pk}/transitions/conclude_retain",
                           {"grade": "excellent", "expected_state": "expert_scoring"}, content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["outcome"], response.json()["grade"]) == ("retain", "excellent")
    again = client.post(f"/api/v1/evaluations/{ev.pk}/transitions/conclude_revoke",
                        {"comment": "x", "expected_state": "expert_scoring"}, content_type="application/json")
    assert again.status_code == 409


def allowed(record: dict) -> set[str]:
    return {t["name"] for t in record["available_transitions"] if t["allowed"]}


def offered(record: dict) -> set[str]:
    return {t["name"] for t in record["available_transitions"]}


def listed_in_round(client, user, evaluation) -> dict:
    client.force_login(user)
    body = client.get(f"/api/v1/evaluation-rounds/{evaluation.round_id}").json()
    return next(e for e in body["evaluations"] if e["id"] == evaluation.pk)


def test_county_officer_may_forward_or_return_a_submitted_evaluation_listed_in_the_round(
        client, applicant, county_officer, evaluation):
    from .factories import submit_materials

    submit_materials(applicant, evaluation)
    listed = listed_in_round(client, county_officer, evaluation)
    assert listed["state"] == "submitted" and allowed(listed) == {"county_return", "county_forward"}


def test_bureau_may_not_act_on_a_submitted_evaluation_listed_in_the_round(client, applicant, bureau_officer,
                                                                          evaluation):
    from .factories import submit_materials

    submit_materials(applicant, evaluation)
    listed = listed_in_round(client, bureau_officer, evaluation)
    assert listed["state"] == "submitted" and offered(listed) == {"county_return", "county_forward"}
    assert allowed(listed) == set()


def test_round_lists_each_evaluation_with_the_transitions_of_its_detail(client, applicant, evaluation):
    from ticms.evaluations import services

    services.update_materials(actor=applicant, evaluation=evaluation, self_assessment="自评",
                              indicator_data=full_data(evaluation))
    listed = listed_in_round(client, applicant, evaluation)
    detail = client.get(f"/api/v1/evaluations/{evaluation.pk}").json()
    assert listed["state"] == detail["state"] == "materials_pending"
    assert listed["available_transitions"] == detail["available_transitions"]
    assert allowed(listed) == {"submit"}


def test_round_evaluation_list_does_not_grow_queries(client, bureau_officer, organisation, this_year,
                                                     django_assert_max_num_queries):
    from .factories import make_center, open_round

    for month in range(1, 9):
        make_center(bureau_officer, organisation, recognized_on=datetime.date(this_year - 3, month, 1))
    rnd = open_round(bureau_officer, this_year)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(8):
        body = client.get(f"/api/v1/evaluation-rounds/{rnd.pk}").json()
    assert len(body["evaluations"]) == 8 and all(offered(e) == {"submit"} for e in body["evaluations"])
