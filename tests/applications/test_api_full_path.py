"""The whole recognition path over the API with bearer tokens: call → application → county → bureau → panel and
opinions → plan → public notice → recognised center (and the preparatory path). Uses the reviews and notices APIs."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import user_with_role
from ticms.accounts.roles import Role
from ticms.accounts.services import create_api_token
from ticms.centers.models import Center
from ticms.policy import current_policy
from ticms.reviews.services import create_expert

from ..notices.factories import at
from .factories import COMPLETE_FACTS, PDF

# A day the holiday calendar knows: the notice is published "today" (Art. 9(4): never in the past).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user=user, name='t')[1]}"}


def post(client, url, data, auth, status=200):
    response = client.post(url, data, content_type="application/json", **auth)
    assert response.status_code == status, response.content.decode()
    return response.json()


def drive(client, applicant, county_officer, bureau_officer, *, recommendation: str, **facts) -> dict:
    a, c, b = bearer(applicant), bearer(county_officer), bearer(bureau_officer)
    today = timezone.localdate()
    call = post(client, "/api/v1/calls", {"title": "通知", "year": today.year, "opens": today.isoformat(),
                                          "closes": (today + datetime.timedelta(days=30)).isoformat()}, b, 201)
    body = {k: (v if isinstance(v, bool | int | str) else str(v)) for k, v in {**COMPLETE_FACTS, **facts}.items()}
    app = post(client, "/api/v1/applications", {"call_id": call["id"], **body}, a, 201)
    url = f"/api/v1/applications/{app['id']}"
    for kind in ("business_licence", "title_certificate", "equipment_list", "rd_audit", "construction_plan"):
        upload = SimpleUploadedFile(f"{kind}.pdf", PDF + kind.encode())
        assert client.post(f"{url}/attachments", {"kind": kind, "file": upload}, **a).status_code == 201
    post(client, f"{url}/transitions/submit", {}, a)
    post(client, f"{url}/transitions/county_recommend", {}, c)
    assert post(client, f"{url}/transitions/recheck_pass", {}, b)["state"] == "expert_review"

    experts = []
    for i in range(3):
        user = user_with_role(Role.EXPERT)
        create_expert(actor=bureau_officer, name=f"专家{i}", fields=[body["field"]], user=user)
        experts.append(user)
    panel = post(client, "/api/v1/panels", {"subject_type": "application", "subject_id": app["id"], "size": 3},
                 b, 201)
    scores = {i.code: i.max for i in current_policy().review_indicators}
    for assignment in panel["assignments"]:
        expert = next(u for u in experts if u.expert_profile.pk == assignment["expert_id"])
        e = bearer(expert)
        post(client, f"/api/v1/assignments/{assignment['id']}/declaration", {"no_conflict": True}, e)
        # After declaring no conflict the expert sees the application.
        assert client.get(url, **e).status_code == 200
        post(client, f"/api/v1/assignments/{assignment['id']}/opinion",
             {"scores": scores, "comment": "同意", "recommendation": recommendation}, e, 201)
    assert post(client, f"{url}/transitions/conclude_review", {}, b)["proposed_outcome"] == recommendation

    upload = SimpleUploadedFile("完善后的建设方案.pdf", PDF + b"revised")
    assert client.post(f"{url}/attachments", {"kind": "revised_plan", "file": upload}, **a).status_code == 201
    assert post(client, f"{url}/transitions/submit_plan", {}, a)["state"] == "plan_submitted"

    notice = post(client, "/api/v1/notices", {"title": "公示", "application_ids": [app["id"]],
                                              "contact_phone": "0349-1234567"}, b, 201)
    post(client, f"/api/v1/notices/{notice['id']}/publish", {}, b)
    final = "recognize" if recommendation == "recognize" else "list_preparatory"
    # Recognition waits for the five working days: the clock moves past them.
    with at(datetime.date.fromisoformat(notice["ends_on"]) + datetime.timedelta(days=1)):
        return post(client, f"{url}/transitions/{final}", {}, bearer(bureau_officer))


def test_full_path_to_recognised_center(client, applicant, county_officer, bureau_officer):
    app = drive(client, applicant, county_officer, bureau_officer, recommendation="recognize")
    center = Center.objects.get(pk=app["center_id"])
    assert app["state"] == "recognized"
    assert center.official_name == "朔州市碳基新材料技术创新中心" and center.status == "active"


def test_full_path_to_preparatory_center(client, applicant, county_officer, bureau_officer):
    app = drive(client, applicant, county_officer, bureau_officer, recommendation="preparatory", fixed_staff=10,
                requests_preparatory=True, preparatory_reason="发展急需")
    assert app["state"] == "preparatory"
    assert Center.objects.get(pk=app["center_id"]).status == "preparatory"
