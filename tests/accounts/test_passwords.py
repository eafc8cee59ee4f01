"""Password rules, history, expiry, forced change and the self-service change page (个人中心)."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ticms.accounts.models import ApiToken
from ticms.accounts.services import create_api_token
from ticms.audit.models import Event

pytestmark = pytest.mark.django_db

NEW = "Shuozhou-2026"


@pytest.mark.parametrize("password", ["ticmsticms", "12345678901", "abcdefgh-", "Ab-1"])
def test_weak_passwords_are_refused(applicant, password):
    with pytest.raises(ValidationError):
        validate_password(password, applicant)


def test_password_containing_the_username_is_refused(applicant):
    with pytest.raises(ValidationError):
        validate_password(f"X-1{applicant.username}", applicant)


def test_three_classes_are_accepted(applicant):
    validate_password(NEW, applicant)


def _change(client, old, new):
    return client.post("/account/password/", {"old_password": old, "new_password1": new, "new_password2": new})


def test_user_changes_own_password_and_it_is_audited(client, applicant):
    client.force_login(applicant)
    response = _change(client, "pass-12345", NEW)
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password(NEW)
    assert Event.objects.filter(action="account.password_change", actor=applicant).exists()
    assert client.get("/account/").status_code == 200  # still signed in


def test_none_of_the_last_five_passwords_may_come_back(client, applicant):
    client.force_login(applicant)
    current = "pass-12345"
    for n in range(1, 6):
        new = f"Rotate-{n}x"
        assert _change(client, current, new).status_code == 302
        current = new
    response = _change(client, current, "Rotate-1x")
    assert response.status_code == 200 and "最近5次" in response.content.decode()
    # The sixth-last (the factory's) is out of the history again.
    assert _change(client, current, "pass-12345").status_code == 302


def test_forced_change_sends_every_page_to_the_change_page(client, applicant):
    applicant.must_change_password = True
    applicant.save()
    client.force_login(applicant)
    response = client.get("/workbench/")
    assert response.status_code == 302 and response["Location"] == "/account/password/"
    api = client.get("/api/v1/me")
    assert api.status_code == 403 and api.json()["error"] == "password_change_required"
    _change(client, "pass-12345", NEW)
    assert client.get("/workbench/").status_code == 200


def test_password_expires_after_the_deployments_max_age(client, applicant, settings):
    settings.TICMS_PASSWORD_MAX_AGE_DAYS = 90
    client.force_login(applicant)
    assert client.get("/workbench/").status_code == 200
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=91)):
        client.force_login(applicant)
        response = client.get("/workbench/")
        assert response.status_code == 302 and response["Location"] == "/account/password/"
        assert "有效期" in client.get("/account/password/").content.decode()


def test_changing_the_password_revokes_api_tokens(client, applicant):
    token, raw = create_api_token(user=applicant, name="脚本")
    client.force_login(applicant)
    _change(client, "pass-12345", NEW)
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert not ApiToken.objects.filter(user=applicant, revoked_at__isnull=True).exists()


def test_profile_page_saves_name_and_shows_the_account_centre(client, applicant):
    client.force_login(applicant)
    page = client.get("/account/").content.decode()
    assert "个人中心" in page and "/account/tokens/" in page and "/account/2fa/" in page
    client.post("/account/", {"display_name": "王新名", "email": "w@example.cn", "phone": "0349-1234567"})
    applicant.refresh_from_db()
    assert applicant.display_name == "王新名"


def test_saving_the_profile_is_audited_without_the_phone_number(client, applicant):
    from ticms.audit.models import Event

    client.force_login(applicant)
    client.post("/account/", {"display_name": "新名字", "email": "", "phone": "13912345678"})
    event = Event.objects.get(action="account.profile_update", actor=applicant)
    assert event.data["changes"]["display_name"]["after"] == "新名字"
    assert "13912345678" not in str(event.data) and event.data["changes"]["phone"]["after"].startswith("ref:")
