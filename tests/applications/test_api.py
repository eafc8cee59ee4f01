"""Driving the first steps of recognition over the REST API with bearer tokens."""

import pytest

from ticms.accounts.services import create_api_token
from ticms.applications.models import Application

from .factories import COMPLETE_FACTS, PDF, CallFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, raw = create_api_token(user=user, name="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def api_facts() -> dict:
    return {k: (str(v) if not isinstance(v, bool | int | str) else v) for k, v in COMPLETE_FACTS.items()}


def test_api_drive_from_create_to_recheck_pass(client, applicant, county_officer, bureau_officer):
    call = CallFactory()
    a, c, b = bearer(applicant), bearer(county_officer), bearer(bureau_officer)
    response = client.post("/api/v1/applications", {"call_id": call.pk, "fixed_staff": 3},
                           content_type="application/json", **a)
    assert response.status_code == 201, response.content
    body = response.json()
    app_id = body["id"]
    assert body["state"] == "draft"
    assert any(r["code"] == "fixed_staff" and r["status"] == "not_met" and r["article"] == "8(2)"
               for r in body["eligibility"])
    submit = next(t for t in body["available_transitions"] if t["name"] == "submit")
    assert submit["allowed"] is False and all(r["article"] for r in submit["reasons"])

    body = client.patch(f"/api/v1/applications/{app_id}", api_facts(), content_type="application/json", **a).json()
    assert body["fixed_staff"] == 20 and body["equipment_value"] == "3000000.00"
    for kind in ("business_licence", "title_certificate", "equipment_list", "rd_audit", "construction_plan"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile(f"{kind}.pdf", PDF + kind.encode(), content_type="application/pdf")
        response = client.post(f"/api/v1/applications/{app_id}/attachments", {"kind": kind, "file": upload}, **a)
        assert response.status_code == 201, response.content
        assert len(response.json()["sm3"]) == 64
    response = client.post(f"/api/v1/applications/{app_id}/transitions/submit",
                           {"expected_state": "draft"}, content_type="application/json", **a)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "submitted" and response.json()["versions"][0]["number"] == 1
    county_view = client.get(f"/api/v1/applications/{app_id}", **c).json()
    assert {t["name"]: t["allowed"] for t in county_view["available_transitions"]}["county_recommend"] is True
    response = client.post(f"/api/v1/applications/{app_id}/transitions/county_recommend", {},
                           content_type="application/json", **c)
    assert response.json()["state"] == "recommended"
    response = client.post(f"/api/v1/applications/{app_id}/transitions/recheck_pass", {},
                           content_type="application/json", **b)
    assert response.json()["state"] == "expert_review"


def test_api_submit_incomplete_answers_422_with_reasons_and_articles(client, applicant):
    a = bearer(applicant)
    app_id = client.post("/api/v1/applications", {"call_id": CallFactory().pk}, content_type="application/json",
                         **a).json()["id"]
    response = client.post(f"/api/v1/applications/{app_id}/transitions/submit", {}, content_type="application/json",
                           **a)
    body = response.json()
    assert response.status_code == 422 and body["error"] == "invalid"
    assert {"missing_director", "integrity_not_signed"} <= {r["code"] for r in body["detail"]}
    assert all(r["article"] for r in body["detail"])


def test_api_wrong_role_answers_403(client, applicant, organisation):
    from .factories import submitted_application

    app = submitted_application(applicant, organisation)
    response = client.post(f"/api/v1/applications/{app.pk}/transitions/county_recommend", {},
                           content_type="application/json", **bearer(applicant))
    assert response.status_code == 403 and response.json()["error"] == "forbidden"


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"fixed_staff": "many"}, 422),
        ({"fixed_staff": -3}, 422),
        ({"equipment_value": "1e20"}, 422),
        ({"equipment_value": -1}, 422),
        ({"floor_area_m2": [1, 2]}, 422),
        ({"field": "不存在的领域"}, 422),
        ({"partner_unit_ids": [999999]}, 422),
    ],
)
def test_api_bad_input_is_json_4xx_and_nothing_changes(client, applicant, payload, status):
    a = bearer(applicant)
    app_id = client.post("/api/v1/applications", {"call_id": CallFactory().pk, "director": "张三"},
                         content_type="application/json", **a).json()["id"]
    response = client.patch(f"/api/v1/applications/{app_id}", {"director": "李四", **payload},
                            content_type="application/json", **a)
    assert response.status_code == status
    assert set(response.json()) == {"error", "detail"}
    assert Application.objects.get(pk=app_id).director == "张三"


def test_api_create_with_bad_facts_creates_nothing(client, applicant):
    response = client.post("/api/v1/applications", {"call_id": CallFactory().pk, "fixed_staff": -1},
                           content_type="application/json", **bearer(applicant))
    assert response.status_code == 422 and not Application.objects.exists()


def test_api_upload_of_mislabelled_file_is_422(client, applicant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    a = bearer(applicant)
    app_id = client.post("/api/v1/applications", {"call_id": CallFactory().pk}, content_type="application/json",
                         **a).json()["id"]
    response = client.post(f"/api/v1/applications/{app_id}/attachments",
                           {"kind": "rd_audit", "file": SimpleUploadedFile("a.pdf", b"not a pdf at all")}, **a)
    assert response.status_code == 422 and response.json()["error"] == "file_content_mismatch"


def test_api_list_is_scoped(client, applicant, organisation, other_applicant, other_organisation, county_officer):
    from .factories import new_application

    mine = new_application(applicant, organisation)
    new_application(other_applicant, other_organisation)
    body = client.get("/api/v1/applications", **bearer(county_officer)).json()
    assert body["count"] == 1 and body["items"][0]["id"] == mine.pk


def test_api_list_rejects_unknown_state(client, bureau_officer):
    response = client.get("/api/v1/applications?state=nonsense", **bearer(bureau_officer))
    assert response.status_code == 400


def test_api_unknown_transition_is_404(client, applicant, organisation):
    from .factories import new_application

    app = new_application(applicant, organisation)
    response = client.post(f"/api/v1/applications/{app.pk}/transitions/teleport", {},
                           content_type="application/json", **bearer(applicant))
    assert response.status_code == 404


def test_api_list_rows_carry_the_transitions_this_caller_may_fire(client, applicant, organisation, county_officer):
    from .factories import submitted_application

    app = submitted_application(applicant, organisation)
    row = client.get("/api/v1/applications", **bearer(county_officer)).json()["items"][0]
    assert row["id"] == app.pk and row["state"] == "submitted"
    allowed = {t["name"] for t in row["available_transitions"] if t["allowed"]}
    assert allowed == {"county_recommend", "county_return", "county_reject"}
    row = client.get("/api/v1/applications", **bearer(applicant)).json()["items"][0]
    by_name = {t["name"]: t for t in row["available_transitions"]}
    assert {n for n, t in by_name.items() if t["allowed"]} == {"withdraw"}
    assert by_name["county_recommend"]["reasons"][0]["article"]  # refused, and says why


def test_api_list_queries_grow_by_a_bounded_number_per_row(client, applicant, organisation, county_officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import submitted_application

    auth = bearer(county_officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/applications", **auth).status_code == 200
        return len(ctx.captured_queries)

    submitted_application(applicant, organisation)
    one = queries()
    for _ in range(4):
        submitted_application(applicant, organisation)
    five = queries()
    assert (five - one) / 4 <= 3, f"{one} queries for one row, {five} for five"
