import datetime

import pytest
from django.urls import reverse

from tests.applications.factories import CallFactory
from ticms.accounts.roles import Role
from ticms.applications.models import Application
from ticms.web import workbench

ROLE_FIXTURES = [
    ("applicant", "申请单位（依托单位）", "第七条"),
    ("county_officer", "归口管理单位工作人员", "第六条"),
    ("bureau_officer", "市科技局工作人员", "第五条"),
    ("expert_user", "专家", "第十六条"),
    ("system_admin", "系统管理员", "三员分立"),
    ("security_admin", "安全管理员", "三员分立"),
    ("audit_admin", "审计管理员", "三员分立"),
]


@pytest.mark.parametrize(("fixture", "role_name", "basis"), ROLE_FIXTURES)
def test_each_role_lands_on_workbench_with_its_explanation(client, request, monkeypatch, fixture, role_name, basis):
    # Mid-year, when no holiday schedule is due (the system admin is reminded from November on).
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2026, 6, 1))
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    response = client.get(reverse("workbench"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "我的待办" in page
    assert role_name in page
    assert basis in page
    assert "目前没有待办事项" in page


def test_anonymous_user_is_redirected_to_login_from_workbench(client):
    response = client.get(reverse("workbench"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_redirects_to_workbench_by_default(client, bureau_officer):
    response = client.post(reverse("login"), {"username": bureau_officer.username, "password": "pass-12345"})
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench")


@pytest.fixture
def provider():
    def county_todos(user):
        return [
            workbench.TodoSection(
                title="待审核的申请",
                items=[workbench.TodoItem(label="某某中心申请", url="/applications/1/", state_label="已提交")],
                count=3,
                role=Role.COUNTY_OFFICER,
            ),
            workbench.TodoSection(title="市局复核", items=[], role=Role.BUREAU_OFFICER, empty_text="无需复核"),
        ]

    workbench.register(county_todos)
    yield county_todos
    workbench.unregister(county_todos)


def test_workbench_shows_registered_sections_of_the_users_roles_only(client, county_officer, provider):
    client.force_login(county_officer)
    page = client.get(reverse("workbench")).content.decode()
    assert "待审核的申请" in page
    assert "某某中心申请" in page
    assert "显示 1 项，共 3 项" in page
    assert "市局复核" not in page
    assert "目前没有待办事项" not in page


def test_workbench_shows_empty_text_of_a_section_with_nothing_to_do(client, bureau_officer, provider):
    client.force_login(bureau_officer)
    page = client.get(reverse("workbench")).content.decode()
    assert "市局复核" in page
    assert "无需复核" in page
    assert "待审核的申请" not in page


def test_register_is_idempotent(provider):
    workbench.register(provider)
    assert workbench.providers().count(provider) == 1


def test_nav_shows_role_specific_links(client, system_admin, audit_admin):
    client.force_login(system_admin)
    page = client.get(reverse("workbench")).content.decode()
    assert 'href="/admin/"' in page and 'href="/calendar/"' in page
    assert reverse("audit_log") not in page
    client.force_login(audit_admin)
    page = client.get(reverse("workbench")).content.decode()
    assert reverse("audit_log") in page
    assert 'href="/admin/"' not in page


@pytest.mark.parametrize("rows", [5, 50])
def test_bureau_workbench_shows_the_full_count_with_queries_flat_in_rows(client, bureau_officer, organisation, rows,
                                                                        django_assert_max_num_queries):
    call = CallFactory(year=2026)
    # Rows in several of the bureau's sections (to review, plans, panels to form, notices to fill), so each of them
    # is full at 50 and counted: every count is one query for the page (`workbench.count_all`), whatever the rows.
    Application.objects.bulk_create(
        Application(call=call, year=2026, lead_unit=organisation, host_unit=organisation, name=f"中心{i}",
                    field="储能", state=state) for i in range(rows)
        for state in ("recommended", "plan_submitted", "expert_review"))
    client.force_login(bureau_officer)
    # 7 of them the dashboard tiles, cached a minute after this first view; 1 the newest audit event (the key of
    # the cached list).
    with django_assert_max_num_queries(30):
        page = client.get(reverse("workbench")).content.decode()
    assert "待复核的申请书" in page and page.count("/applications/") >= min(rows, workbench.MAX_ITEMS)
    footer = f"显示 {workbench.MAX_ITEMS} 项，共 {rows} 项"
    assert (footer in page) == (rows > workbench.MAX_ITEMS)
    with django_assert_max_num_queries(8):  # back from a record: the session, the user, the key, no section query
        again = client.get(reverse("workbench")).content.decode()
    assert again.split("<main")[1] == page.split("<main")[1]


def test_a_step_taken_shows_on_the_workbench_at_once(client, bureau_officer, county_officer, organisation):
    """The list is kept between views, but every audited write renews it: the officer's own step, or anyone's."""
    from ticms.applications import services

    call = CallFactory(year=2026)
    application = Application.objects.create(call=call, year=2026, lead_unit=organisation, host_unit=organisation,
                                             name="储能中心", field="储能", state="recommended")
    client.force_login(bureau_officer)
    assert "储能中心" in client.get(reverse("workbench")).content.decode()
    services.transition_application(actor=bureau_officer, application=application, name="recheck_return",
                                    comment="请补充材料")
    assert "储能中心" not in client.get(reverse("workbench")).content.decode()


def test_the_kept_list_is_the_users_own(client, county_officer, other_county_officer, organisation):
    """Two county officers hold the same role and read different lists: the key holds the user, so one never reads
    the list kept for the other."""
    call = CallFactory(year=2026)
    Application.objects.create(call=call, year=2026, lead_unit=organisation, host_unit=organisation,
                               name="本县储能中心", field="储能", state="submitted")
    client.force_login(county_officer)
    assert "本县储能中心" in client.get(reverse("workbench")).content.decode()
    client.force_login(other_county_officer)
    assert "本县储能中心" not in client.get(reverse("workbench")).content.decode()
