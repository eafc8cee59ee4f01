import pytest

pytestmark = pytest.mark.django_db


def test_system_admin_can_open_admin_and_manage_organisations(client, system_admin):
    client.force_login(system_admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/organisation/").status_code == 200


@pytest.mark.parametrize("role_fixture", ["bureau_officer", "security_admin", "audit_admin", "applicant"])
def test_other_roles_cannot_open_admin(request, client, role_fixture):
    user = request.getfixturevalue(role_fixture)
    user.is_staff = True  # even a staff flag set by mistake does not open it
    user.save()
    client.force_login(user)
    assert client.get("/admin/accounts/organisation/").status_code in (302, 403)


def test_audit_log_is_not_in_django_admin(client, system_admin):
    client.force_login(system_admin)
    assert client.get("/admin/audit/event/").status_code == 404
