"""The second factor: required (enrolled at first sign-in) for bureau officers and the three administrators,
optional for others; recovery codes for a lost phone."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ticms.accounts import twofactor
from ticms.audit.models import Event

pytestmark = pytest.mark.django_db


def _password_step(client, user):
    response = client.post("/login/", {"username": user.username, "password": "pass-12345"})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize("role_fixture", ["bureau_officer", "system_admin", "security_admin", "audit_admin"])
def test_first_sign_in_of_a_required_role_must_enrol(request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    client = Client()
    _password_step(client, user)
    response = client.get("/workbench/")
    assert response.status_code == 302 and response["Location"].startswith("/account/2fa/")
    api = client.get("/api/v1/me")
    assert api.status_code == 403 and api.json()["error"] == "second_factor_required"


def test_enrolment_with_the_qr_code_then_recovery_codes(bureau_officer):
    client = Client()
    _password_step(client, bureau_officer)
    page = client.get("/account/2fa/").content.decode()
    assert "<svg" in page and 'id="otp-secret"' in page
    device = TOTPDevice.objects.get(user=bureau_officer, confirmed=False)
    response = client.post("/account/2fa/", {"token": twofactor.current_code(device)})
    assert 'id="recovery-codes"' in response.content.decode()
    assert StaticToken.objects.filter(device__user=bureau_officer).count() == 10
    assert client.get("/workbench/").status_code == 200
    assert Event.objects.filter(action="account.2fa_enrol", actor=bureau_officer).exists()


def test_password_alone_does_not_open_pages_for_an_enrolled_officer(bureau_officer):
    twofactor.enrol_known_secret(bureau_officer, "cd" * 20)
    client = Client()
    _password_step(client, bureau_officer)
    response = client.get("/applications/")
    assert response.status_code == 302 and response["Location"].startswith("/login/otp/")
    wrong = client.post("/login/otp/", {"token": "000000"})
    assert "不正确" in wrong.content.decode()
    assert client.get("/applications/").status_code == 302


def test_right_code_opens_the_session(bureau_officer):
    device = twofactor.enrol_known_secret(bureau_officer, "cd" * 20)
    client = Client()
    _password_step(client, bureau_officer)
    response = client.post("/login/otp/", {"token": twofactor.current_code(device), "next": "/applications/"})
    assert response.status_code == 302 and response["Location"] == "/applications/"
    assert client.get("/applications/").status_code == 200


def test_a_recovery_code_works_once_and_is_audited(bureau_officer):
    twofactor.enrol_known_secret(bureau_officer, "cd" * 20)
    code = twofactor.new_recovery_codes(bureau_officer)[0]
    client = Client()
    _password_step(client, bureau_officer)
    assert client.post("/login/otp/", {"token": code}).status_code == 302
    assert Event.objects.get(action="auth.recovery_code_used").data == {"left": 9}
    again = Client()
    _password_step(again, bureau_officer)
    assert again.post("/login/otp/", {"token": code}).status_code == 200


def test_second_factor_is_optional_for_an_applicant(client, applicant):
    _password_step(client, applicant)
    assert client.get("/workbench/").status_code == 200
    assert "可选" in client.get("/account/").content.decode()


def test_demo_accounts_of_required_roles_come_with_a_printed_secret(capsys):
    from django.core.management import call_command

    from ticms.accounts.models import User

    call_command("demo")
    out = capsys.readouterr().out
    bureau = User.objects.get(username="bureau")
    device = TOTPDevice.objects.get(user=bureau, name="demo", confirmed=True)
    assert twofactor.secret_base32(device) in out and "ticms otp-code bureau" in out
    call_command("otp-code", "bureau")
    assert capsys.readouterr().out.strip() == twofactor.current_code(device)


def test_otp_code_never_reads_a_real_device(bureau_officer):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    TOTPDevice.objects.create(user=bureau_officer, name="phone", confirmed=True)
    with pytest.raises(CommandError):
        call_command("otp-code", bureau_officer.username)
