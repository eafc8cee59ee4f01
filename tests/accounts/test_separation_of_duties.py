"""三员分立: nobody grants themselves anything; one person, one administrator duty; administrators' passwords
are reset by the security administrator only; no superuser but the audited break-glass one."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.factories import UserFactory
from ticms.accounts import services
from ticms.accounts.models import Membership, User
from ticms.accounts.roles import Role
from ticms.audit.models import Event
from ticms.errors import ServiceError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.BUREAU_OFFICER, Role.AUDIT_ADMIN, Role.SYSTEM_ADMIN])
def test_security_admin_cannot_grant_itself_any_role(client, security_admin, role):
    client.force_login(security_admin)
    response = client.post("/security/roles/", {"username": security_admin.username, "role": role.value})
    assert response.status_code == 200 and "不能给自己授予角色" in response.content.decode()
    assert not Membership.objects.filter(user=security_admin, role=role).exists()


def test_system_admin_cannot_grant_roles_through_the_service(system_admin):
    with pytest.raises(ServiceError) as exc:
        services.grant_role(user=system_admin, role=Role.BUREAU_OFFICER, actor=system_admin)
    assert exc.value.status == 403
    assert not system_admin.memberships.filter(role=Role.BUREAU_OFFICER).exists()


def test_admin_role_is_never_granted_to_the_holder_of_another(security_admin, system_admin):
    with pytest.raises(ServiceError) as exc:
        services.grant_role(user=system_admin, role=Role.AUDIT_ADMIN, actor=security_admin)
    assert exc.value.error == "separation_of_duties"
    assert not system_admin.memberships.filter(role=Role.AUDIT_ADMIN).exists()


def test_business_role_is_never_granted_to_an_administrator(security_admin, system_admin):
    with pytest.raises(ServiceError) as exc:
        services.grant_role(user=system_admin, role=Role.BUREAU_OFFICER, actor=security_admin)
    assert exc.value.error == "separation_of_duties"
    assert not system_admin.memberships.filter(role=Role.BUREAU_OFFICER).exists()


def test_security_admin_grants_a_business_role_to_someone_else(security_admin):
    other = UserFactory()
    services.grant_role(user=other, role=Role.BUREAU_OFFICER, actor=security_admin)
    assert other.memberships.filter(role=Role.BUREAU_OFFICER).exists()
    assert Event.objects.filter(action="membership.grant", actor=security_admin).exists()


def test_only_the_security_admin_resets_an_administrators_password(system_admin, audit_admin, security_admin):
    with pytest.raises(ServiceError):
        services.reset_password(actor=system_admin, user=audit_admin)
    raw = services.reset_password(actor=security_admin, user=audit_admin)
    audit_admin.refresh_from_db()
    assert audit_admin.check_password(raw) and audit_admin.must_change_password
    event = Event.objects.get(action="account.password_reset")
    assert event.actor == security_admin and raw not in str(event.data)


def test_security_admin_reset_page_shows_the_temporary_password_once(client, security_admin, audit_admin):
    client.force_login(security_admin)
    response = client.post(f"/security/users/{audit_admin.pk}/reset-password/")
    assert response.status_code == 200 and 'id="temporary-password"' in response.content.decode()


def test_a_superuser_cannot_be_saved_outside_breakglass():
    user = UserFactory()
    user.is_superuser = True
    with pytest.raises(ValidationError):
        user.save()
    assert not User.objects.filter(is_superuser=True).exists()


def test_breakglass_opens_an_audited_superuser_and_closes_it(capsys):
    call_command("breakglass", "--reason", "安全管理员离职，需恢复角色管理")
    user = User.objects.get(username="breakglass")
    assert user.is_superuser and user.is_active
    opened = Event.objects.get(action="breakglass.open")
    assert opened.data["reason"] == "安全管理员离职，需恢复角色管理" and opened.data["operator"]
    user.last_name = "x"
    user.save()  # an open break-glass account can still be saved (last_login on sign-in)
    call_command("breakglass", "--close", "--reason", "角色已由新安全管理员恢复")
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_active
    assert Event.objects.filter(action="breakglass.close").exists()


def test_breakglass_needs_a_reason():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("breakglass", "--reason", "x")
    assert not User.objects.filter(username="breakglass").exists()


def test_createsuperuser_points_to_breakglass_instead_of_failing_with_a_traceback(db):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ticms breakglass"):
        call_command("createsuperuser", "--noinput", username="root", email="root@example.cn")
    from ticms.accounts.models import User

    assert not User.objects.filter(is_superuser=True).exists()
