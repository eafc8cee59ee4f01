import pytest

from ticms.accounts.models import Membership
from ticms.accounts.roles import Role
from ticms.audit.models import Event

pytestmark = pytest.mark.django_db


def test_security_admin_grants_county_officer_role(client, security_admin, county, bureau_officer):
    client.force_login(security_admin)
    response = client.post("/security/roles/", {"username": bureau_officer.username, "role": "county_officer",
                                                "competent_unit": county.pk})
    assert response.status_code == 302
    assert Membership.objects.filter(user=bureau_officer, role=Role.COUNTY_OFFICER, competent_unit=county).exists()
    event = Event.objects.get(action="membership.grant", object_id=str(bureau_officer.pk))
    assert event.actor == security_admin and event.role == "security_admin"


def test_county_officer_role_without_unit_is_refused_in_chinese(client, security_admin, bureau_officer):
    client.force_login(security_admin)
    response = client.post("/security/roles/", {"username": bureau_officer.username, "role": "county_officer"})
    assert response.status_code == 200
    assert "归口管理单位角色需要指定归口管理单位" in response.content.decode()
    assert not Membership.objects.filter(user=bureau_officer, role=Role.COUNTY_OFFICER).exists()


def test_unknown_user_is_a_form_error(client, security_admin):
    client.force_login(security_admin)
    response = client.post("/security/roles/", {"username": "nobody", "role": "bureau_officer"})
    assert "没有这个用户" in response.content.decode()


def test_security_admin_revokes_a_role(client, security_admin, applicant):
    membership = applicant.memberships.get()
    client.force_login(security_admin)
    client.post(f"/security/roles/{membership.pk}/revoke/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Event.objects.filter(action="membership.revoke").exists()


def test_security_admin_cannot_revoke_own_security_role(client, security_admin):
    client.force_login(security_admin)
    membership = security_admin.memberships.get()
    client.post(f"/security/roles/{membership.pk}/revoke/")
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("role_fixture", ["system_admin", "audit_admin", "bureau_officer", "applicant"])
def test_other_roles_get_403(request, client, role_fixture, applicant):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get("/security/roles/").status_code == 403
    membership = applicant.memberships.get()
    assert client.post(f"/security/roles/{membership.pk}/revoke/").status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("n", [5, 50])
def test_roles_page_query_count_does_not_grow_with_users(client, security_admin, django_assert_max_num_queries, n):
    from tests.factories import user_with_role

    for _ in range(n):
        user_with_role(Role.APPLICANT)
    client.force_login(security_admin)
    with django_assert_max_num_queries(12):
        assert client.get("/security/roles/").status_code == 200
