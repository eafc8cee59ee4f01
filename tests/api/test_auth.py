import pytest

from ticms.accounts.models import ApiToken
from ticms.audit.models import Event

pytestmark = pytest.mark.django_db


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_me_requires_authentication_with_json_error(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    body = response.json()
    assert body["error"] == "unauthenticated" and body["detail"]


def test_me_with_session(client, county_officer):
    client.force_login(county_officer)
    body = client.get("/api/v1/me").json()
    assert body["username"] == county_officer.username
    assert body["roles"] == ["county_officer"]
    assert body["memberships"][0]["competent_unit"] == "朔城区"


def test_token_lifecycle(client, applicant):
    client.force_login(applicant)
    response = client.post("/api/v1/tokens", {"name": "报表脚本"}, content_type="application/json")
    assert response.status_code == 201
    raw = response.json()["token"]
    assert raw.startswith("ticms_")
    token = ApiToken.objects.get(user=applicant)
    assert token.digest != raw and raw not in token.digest  # only the digest is stored
    client.logout()

    me = client.get("/api/v1/me", **bearer(raw))
    assert me.status_code == 200 and me.json()["roles"] == ["applicant"]

    client.force_login(applicant)
    assert client.delete(f"/api/v1/tokens/{token.pk}").status_code == 200
    client.logout()
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 401
    assert Event.objects.filter(action="api_token.revoke").exists()


def test_wrong_token_is_401(client):
    assert client.get("/api/v1/me", **bearer("ticms_not-a-token")).status_code == 401


def test_cannot_revoke_another_users_token(client, applicant, bureau_officer):
    client.force_login(applicant)
    token_id = client.post("/api/v1/tokens", {"name": "a"}, content_type="application/json").json()["id"]
    client.force_login(bureau_officer)
    response = client.delete(f"/api/v1/tokens/{token_id}")
    assert response.status_code == 404 and response.json()["error"] == "not_found"
    assert ApiToken.objects.get(pk=token_id).revoked_at is None


@pytest.mark.parametrize(
    ("body", "content_type"),
    [({"name": ""}, "application/json"), ({"nom": "x"}, "application/json"), ("{not json", "application/json")],
)
def test_bad_input_is_a_json_4xx(client, applicant, body, content_type):
    client.force_login(applicant)
    response = client.post("/api/v1/tokens", body, content_type=content_type)
    assert 400 <= response.status_code < 500
    assert set(response.json()) == {"error", "detail"}
    assert not ApiToken.objects.exists()


def test_session_post_without_csrf_is_refused(applicant):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    response = client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert not ApiToken.objects.exists()


def test_openapi_and_docs_exist(client):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200 and "/api/v1/me" in spec.json()["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_token_expiry_is_chosen_at_creation_and_capped(client, applicant):
    client.force_login(applicant)
    too_long = client.post("/api/v1/tokens", {"name": "a", "expires_in_days": 365}, content_type="application/json")
    assert too_long.status_code == 422 and too_long.json()["error"] == "validation_error"
    created = client.post("/api/v1/tokens", {"name": "a", "expires_in_days": 30}, content_type="application/json")
    assert created.status_code == 201
    token = ApiToken.objects.get(pk=created.json()["id"])
    assert 29 <= (token.expires_at - token.created_at).days <= 30


def test_expired_token_is_refused(client, applicant):
    import datetime

    import time_machine

    client.force_login(applicant)
    raw = client.post("/api/v1/tokens", {"name": "a", "expires_in_days": 1}, content_type="application/json").json()[
        "token"]
    client.logout()
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 200
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)):
        assert client.get("/api/v1/me", **bearer(raw)).status_code == 401


def test_token_stops_working_after_the_owners_password_is_reset(client, applicant, security_admin):
    from ticms.accounts.services import reset_password

    client.force_login(applicant)
    raw = client.post("/api/v1/tokens", {"name": "a"}, content_type="application/json").json()["token"]
    client.logout()
    reset_password(actor=security_admin, user=applicant)
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 401


def test_token_of_an_expired_password_gets_a_clear_403(client, applicant, settings):
    import datetime

    import time_machine

    settings.TICMS_PASSWORD_MAX_AGE_DAYS = 90
    client.force_login(applicant)
    raw = client.post("/api/v1/tokens", {"name": "a", "expires_in_days": 180},
                      content_type="application/json").json()["token"]
    client.logout()
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=100)):
        response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 403 and response.json()["error"] == "password_change_required"


@pytest.mark.parametrize("n", [5, 60])
def test_the_tokens_page_is_paged_newest_first_in_the_same_queries(client, applicant, n,
                                                                   django_assert_max_num_queries):
    """Revoked and expired tokens stay on the page: fifty at a time, the newest first, whatever the user has made."""
    import re

    from ticms.accounts import services

    for i in range(n):
        services.create_api_token(user=applicant, name=f"令牌{i:02d}", expires_in_days=30)
    client.force_login(applicant)
    with django_assert_max_num_queries(8):
        page = client.get("/account/tokens/").content.decode()
    names = re.findall(r"<td>(令牌\d+)</td>", page)
    assert names[0] == f"令牌{n - 1:02d}" and len(names) == min(n, 50)
    if n > 50:
        assert "第 1 页，共 2 页" in page
        rest = re.findall(r"<td>(令牌\d+)</td>", client.get("/account/tokens/?page=2").content.decode())
        assert rest == [f"令牌{i:02d}" for i in range(n - 51, -1, -1)]
