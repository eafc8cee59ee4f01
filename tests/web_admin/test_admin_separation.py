"""The system administrator's Django admin: accounts and dictionaries, never privileges; every change in the
SM3 audit chain with before/after values and no password hash."""

import pytest

from tests.factories import UserFactory
from ticms.accounts.models import Organisation, User
from ticms.audit.models import Event
from ticms.audit.services import verify

pytestmark = pytest.mark.django_db


def _user_form(user, **changes):
    data = {
        "username": user.username, "display_name": user.display_name, "first_name": "", "last_name": "",
        "email": user.email, "phone": "", "is_active": "on",
        "initial-password_changed_at": "", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
    }
    data.update(changes)
    return data


def test_user_form_has_no_superuser_staff_or_membership_fields(client, system_admin):
    client.force_login(system_admin)
    page = client.get(f"/admin/accounts/user/{system_admin.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="is_staff"' not in page
    assert "memberships-TOTAL_FORMS" not in page and 'name="groups"' not in page


def test_system_admin_cannot_tick_is_superuser_on_itself(client, system_admin):
    client.force_login(system_admin)
    client.post(f"/admin/accounts/user/{system_admin.pk}/change/",
                _user_form(system_admin, is_superuser="on", is_staff="on",
                           **{"memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
                              "memberships-0-role": "bureau_officer"}))
    system_admin.refresh_from_db()
    assert not system_admin.is_superuser
    assert set(system_admin.memberships.values_list("role", flat=True)) == {"system_admin"}


def test_system_admin_cannot_reset_the_audit_admins_password(client, system_admin, audit_admin):
    client.force_login(system_admin)
    url = f"/admin/accounts/user/{audit_admin.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "Xy-12345678", "password2": "Xy-12345678"})
    assert response.status_code == 403
    audit_admin.refresh_from_db()
    assert audit_admin.check_password("pass-12345")


def test_system_admin_resets_a_business_users_password_which_must_then_change(client, system_admin, applicant):
    client.force_login(system_admin)
    response = client.post(f"/admin/accounts/user/{applicant.pk}/password/",
                           {"password1": "Xy-12345678", "password2": "Xy-12345678", "usable_password": "true"})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password("Xy-12345678") and applicant.must_change_password
    event = Event.objects.get(action="account.password_reset")
    assert event.actor == system_admin and "pbkdf2" not in str(event.data) and "md5" not in str(event.data)


def test_admin_change_is_in_the_audit_chain_with_before_and_after(client, system_admin, organisation):
    client.force_login(system_admin)
    old_name = organisation.name
    response = client.post(f"/admin/accounts/organisation/{organisation.pk}/change/", {
        "name": "朔州新名称科技有限公司", "credit_code": organisation.credit_code, "kind": organisation.kind,
        "registered_address": organisation.registered_address, "competent_unit": organisation.competent_unit_id,
    })
    assert response.status_code == 302
    event = Event.objects.get(action="admin.change")
    assert event.actor == system_admin and event.role == "system_admin"
    assert event.data["changes"]["name"] == [old_name, "朔州新名称科技有限公司"]
    assert verify().ok


def test_admin_added_user_has_no_password_hash_in_the_event_and_must_change(client, system_admin):
    client.force_login(system_admin)
    response = client.post("/admin/accounts/user/add/", {
        "username": "newclerk", "display_name": "新同事", "password1": "Xy-12345678", "password2": "Xy-12345678",
        "usable_password": "true",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="newclerk")
    assert user.must_change_password
    event = Event.objects.get(action="admin.add")
    assert "password" not in event.data["changes"] and user.password not in str(event.data)


def test_admin_delete_is_audited(client, system_admin):
    org = Organisation.objects.create(name="待删除单位", credit_code="91140602MA0K1A9999")
    client.force_login(system_admin)
    client.post(f"/admin/accounts/organisation/{org.pk}/delete/", {"post": "yes"})
    event = Event.objects.get(action="admin.delete")
    assert event.data["changes"]["name"] == ["待删除单位", None]


def test_admin_login_goes_to_the_one_sign_in_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_user_disabled_in_admin_loses_api_tokens(client, system_admin):
    from ticms.accounts.services import create_api_token

    user = UserFactory()
    token, _ = create_api_token(user=user, name="脚本")
    client.force_login(system_admin)
    client.post(f"/admin/accounts/user/{user.pk}/change/", _user_form(user, is_active=""))
    token.refresh_from_db()
    assert token.revoked_at is not None
