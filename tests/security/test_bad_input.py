"""Bad input is a clear 4xx, never a server error: non-ASCII digits, NUL characters, numbers beyond the
database's range (findings of a schemathesis run, issue 14)."""

import pytest

from tests.applications.factories import new_application
from ticms.accounts.services import create_api_token
from ticms.params import ascii_int


def bearer(user) -> dict:
    _token, raw = create_api_token(user=user, name="脚本")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.parametrize("value, lo, hi, expected", [
    ("12", 0, 100, 12), ("²", 0, 100, None), ("٣", 0, 100, None), ("１２", 0, 100, None), ("-1", 0, 100, None),
    ("", 0, 100, None), ("101", 0, 100, None), ("18446744073709551616", 0, 2**63 - 1, None), (None, 0, 9, None),
])
def test_ascii_int_accepts_only_ascii_digits_within_range(value, lo, hi, expected):
    assert ascii_int(value, lo, hi) == expected


@pytest.mark.django_db
def test_superscript_county_on_the_public_directory_is_an_empty_list_not_a_500(client):
    response = client.get("/api/v1/centers/public?county=%C2%B2")
    assert response.status_code == 200 and response.json() == []


@pytest.mark.django_db
def test_superscript_year_on_the_self_check_page_is_ignored(client):
    response = client.get("/eligibility/?application_year=%C2%B2")
    # The page answers 400 with its form errors for an incomplete self-check; the year is simply not used.
    assert response.status_code in (200, 400) and "自查" in response.content.decode()


@pytest.mark.django_db
def test_superscript_call_on_the_new_application_page_is_ignored(client, applicant):
    client.force_login(applicant)
    assert client.get("/applications/new/?call=%C2%B2").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/centers?status=%00", "/api/v1/filings?state=%00",
                                  "/api/v1/change-requests?state=a%00b", "/api/v1/applications?state=%00"])
def test_nul_in_an_api_query_is_a_json_400(client, bureau_officer, path):
    response = client.get(path, **bearer(bureau_officer))
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request" and "NUL" in response.json()["detail"]


@pytest.mark.django_db
def test_nul_in_a_json_body_is_a_json_400_and_nothing_is_created(client, applicant):
    from ticms.accounts.models import ApiToken

    response = client.post("/api/v1/tokens", {"name": "报表\x00脚本"}, content_type="application/json",
                           **bearer(applicant))
    assert response.status_code == 400 and response.json()["error"] == "bad_request"
    assert ApiToken.objects.filter(user=applicant).count() == 1  # only the one used to ask


@pytest.mark.django_db
def test_nul_in_an_application_patch_is_refused_and_the_application_unchanged(client, applicant, organisation):
    app = new_application(applicant, organisation)
    response = client.patch(f"/api/v1/applications/{app.pk}", {"director": "张\x00三"},
                            content_type="application/json", **bearer(applicant))
    assert response.status_code == 400
    app.refresh_from_db()
    assert "\x00" not in app.director


@pytest.mark.django_db
def test_nul_in_a_page_query_is_a_chinese_400_page(client):
    response = client.get("/centers/?q=%00")
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


@pytest.mark.django_db
def test_nul_in_a_submitted_form_is_a_chinese_400_page(client, applicant, organisation):
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    response = client.post(f"/applications/{app.pk}/edit/", {"director": "张\x00三"})
    assert response.status_code == 400 and "空字符" in response.content.decode()


@pytest.mark.django_db
def test_offset_beyond_any_integer_is_a_422_not_a_500(client, bureau_officer):
    response = client.get("/api/v1/applications?offset=18446744073709551616", **bearer(bureau_officer))
    assert response.status_code == 422 and response.json()["error"] == "validation_error"


@pytest.mark.django_db
def test_county_beyond_any_integer_matches_nothing(client):
    response = client.get("/api/v1/centers/public?county=" + "9" * 30)
    assert response.status_code == 200 and response.json() == []
