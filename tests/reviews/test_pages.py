"""Review pages: who sees what (bureau all; the expert only their own, details after declaring; others nothing)."""

import re

import pytest

from ticms.reviews import services

from .factories import ExpertFactory, application, declare_and_submit, expert_with_account, panel_for, scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(bureau_officer, subject):
    return panel_for(bureau_officer, subject, size=3, site_visit_place="朔州市开发区中试基地")


def test_bureau_sees_the_panel_with_the_reproduction_recipe(client, bureau_officer, panel):
    client.force_login(bureau_officer)
    page = client.get(f"/reviews/panels/{panel.pk}/").content.decode()
    assert str(panel.seed) in page and str(panel.candidate_ids) in page
    assert "random.Random" in page and f"ticms reviews redraw-check {panel.pk}" in page


def test_bureau_recomputes_the_draw_from_the_page(client, bureau_officer, panel):
    client.force_login(bureau_officer)
    assert "核对一致" in client.get(f"/reviews/panels/{panel.pk}/?check=1").content.decode()


def test_panel_page_shows_trimmed_mean_and_the_tie(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=2)
    a, b = panel.assignments.order_by("pk")
    declare_and_submit(panel, only={a.pk}, recommendation="recognize")
    declare_and_submit(panel, only={b.pk}, recommendation="reject")
    client.force_login(bureau_officer)
    page = client.get(f"/reviews/panels/{panel.pk}/").content.decode()
    assert "80.00" in page and "票数相同，没有多数意见" in page


@pytest.mark.parametrize("who", ["applicant", "county_officer", "expert_user"])
def test_others_cannot_open_the_panel_page(client, panel, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/reviews/panels/{panel.pk}/").status_code == 403


def test_an_expert_not_on_the_panel_gets_404(client, panel):
    outsider = expert_with_account()
    client.force_login(outsider.user)
    a = panel.assignments.first()
    assert client.get(f"/reviews/assignments/{a.pk}/").status_code == 404
    assert client.post(f"/reviews/assignments/{a.pk}/transitions/declare_no_conflict/").status_code == 404


def test_before_declaring_the_expert_sees_only_the_name_and_the_units(client, panel, subject):
    a = panel.assignments.select_related("expert__user").first()
    client.force_login(a.expert.user)
    page = client.get(f"/reviews/assignments/{a.pk}/").content.decode()
    assert subject.lead_unit.name in page and panel.subject_title in page
    assert "朔州市开发区中试基地" not in page and "查看申报材料" not in page and "opinion-form" not in page


def test_after_declaring_the_expert_sees_details_and_the_opinion_form(client, panel):
    a = panel.assignments.select_related("expert__user").first()
    client.force_login(a.expert.user)
    response = client.post(f"/reviews/assignments/{a.pk}/transitions/declare_no_conflict/",
                           {"expected_state": "pending"}, follow=True)
    page = response.content.decode()
    assert "朔州市开发区中试基地" in page and "opinion-form" in page


def test_recusal_without_reason_is_refused_with_the_reason(client, panel):
    a = panel.assignments.select_related("expert__user").first()
    client.force_login(a.expert.user)
    response = client.post(f"/reviews/assignments/{a.pk}/transitions/recuse/", {"comment": ""}, follow=True)
    assert "此操作需要填写意见" in response.content.decode()
    a.refresh_from_db()
    assert a.declaration == "pending"


def test_expert_submits_the_opinion_form_and_it_is_then_shown_locked(client, panel):
    a = panel.assignments.select_related("expert__user").first()
    services.declare(actor=a.expert.user, assignment=a, no_conflict=True)
    client.force_login(a.expert.user)
    data = {f"score_{k}": v for k, v in scores(0.9).items()} | {"recommendation": "recognize", "comment": "很好"}
    page = client.post(f"/reviews/assignments/{a.pk}/opinion/", data, follow=True).content.decode()
    assert "已提交" in page and "90.00" in page and "opinion-form" not in page
    again = client.post(f"/reviews/assignments/{a.pk}/opinion/", data, follow=True).content.decode()
    assert "不能修改" in again


def test_an_out_of_range_score_in_the_form_is_answered_in_chinese(client, panel):
    a = panel.assignments.select_related("expert__user").first()
    services.declare(actor=a.expert.user, assignment=a, no_conflict=True)
    client.force_login(a.expert.user)
    data = {f"score_{k}": v for k, v in scores(0.9).items()} | {"recommendation": "recognize", "comment": "很好"}
    first = next(iter(scores()))
    data[f"score_{first}"] = "-3"
    response = client.post(f"/reviews/assignments/{a.pk}/opinion/", data)
    assert response.status_code == 422
    assert "不能小于 0。" in response.content.decode()


def test_bureau_replaces_a_recused_expert_from_the_panel_page(client, bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1, experts=[expert_with_account() for _ in range(2)])
    a = panel.assignments.select_related("expert__user").get()
    services.declare(actor=a.expert.user, assignment=a, no_conflict=False, reason="同事")
    client.force_login(bureau_officer)
    page = client.post(f"/reviews/assignments/{a.pk}/replace/", follow=True).content.decode()
    assert "已替补专家" in page
    assert panel.assignments.filter(active=True).count() == 1


def test_my_assignments_lists_only_my_own(client, panel):
    mine = panel.assignments.select_related("expert__user").first()
    client.force_login(mine.expert.user)
    page = client.get("/reviews/assignments/").content.decode()
    assert f'href="/reviews/assignments/{mine.pk}/"' in page
    for other in panel.assignments.exclude(pk=mine.pk):
        assert f'href="/reviews/assignments/{other.pk}/"' not in page


def test_bureau_adds_an_expert_and_the_change_is_audited(client, bureau_officer, organisation):
    from ticms.audit.models import Event

    client.force_login(bureau_officer)
    response = client.post("/reviews/experts/new/", {
        "name": "钱学者", "title": "教授", "fields": ["碳基新材料"], "active": "on",
        "declared_ties": [organisation.pk],
    })
    assert response.status_code == 302
    expert = __import__("ticms.reviews.models", fromlist=["Expert"]).Expert.objects.get(name="钱学者")
    assert list(expert.declared_ties.all()) == [organisation]
    client.post(f"/reviews/experts/{expert.pk}/edit/", {"name": "钱学者", "title": "研究员", "fields": ["储能"]})
    event = Event.objects.get(action="expert.update")
    assert event.data["changes"]["title"] == {"before": "教授", "after": "研究员"}


def test_the_expert_pool_is_for_the_bureau_only(client, applicant):
    client.force_login(applicant)
    assert client.get("/reviews/experts/").status_code == 403


def test_expert_list_does_not_grow_queries_with_experts(client, bureau_officer, django_assert_max_num_queries):
    ExpertFactory.create_batch(30)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(10):
        assert client.get("/reviews/experts/").status_code == 200


def test_panel_list_does_not_grow_queries_with_panels(client, bureau_officer, subject,
                                                      django_assert_max_num_queries):
    for _ in range(5):
        panel_for(bureau_officer, application(), size=1)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(10):
        assert client.get("/reviews/panels/").status_code == 200


def test_expert_workbench_lists_pending_declarations(client, panel):
    a = panel.assignments.select_related("expert__user").first()
    client.force_login(a.expert.user)
    page = client.get("/workbench/").content.decode()
    assert "待声明是否回避" in page and panel.subject_title in page


def test_panel_list_offers_to_form_panels_for_applications_in_expert_review(client, bureau_officer, subject):
    client.force_login(bureau_officer)
    page = client.get("/reviews/panels/").content.decode()
    assert f"/reviews/panels/new/application/{subject.pk}/" in page
    ExpertFactory.create_batch(3)
    response = client.post(f"/reviews/panels/new/application/{subject.pk}/", {"size": 3, "field": subject.field})
    assert response.status_code == 302
    assert f"/reviews/panels/new/application/{subject.pk}/" not in client.get("/reviews/panels/").content.decode()


def test_panel_form_shows_the_shortfall(client, bureau_officer, subject):
    client.force_login(bureau_officer)
    response = client.post(f"/reviews/panels/new/application/{subject.pk}/", {"size": 3, "field": subject.field})
    assert "还差 3 名" in response.content.decode()


@pytest.mark.parametrize("n", [5, 30])
def test_an_experts_assignments_are_paged_newest_first_in_the_same_queries(client, bureau_officer, n,
                                                                           django_assert_max_num_queries):
    """An expert on the register for years has hundreds of assignments: a page of 25, the newest draw first, each
    saying where the expert stands, in the same queries for 5 as for 30."""
    from tests.factories import OrganisationFactory

    expert = expert_with_account()
    panels = [panel_for(bureau_officer, application(OrganisationFactory()), size=1, experts=[expert]) for _ in range(n)]
    assert all(p.assignments.get().expert == expert for p in panels)  # the only expert of the field
    declare_and_submit(panels[-1])
    client.force_login(expert.user)
    with django_assert_max_num_queries(8):
        page = client.get("/reviews/assignments/").content.decode()
    newest = panels[-1].assignments.get()
    rows = re.compile(r'href="/reviews/assignments/\d+/"')
    assert len(rows.findall(page)) == min(n, 25)
    assert page.index(f'href="/reviews/assignments/{newest.pk}/"') < page.index(
        f'href="/reviews/assignments/{panels[-2].assignments.get().pk}/"')
    assert page.count("意见已提交") == 1
    if n > 25:
        assert "第 1 页，共 2 页" in page
        second = client.get("/reviews/assignments/?page=2").content.decode()
        assert len(rows.findall(second)) == n - 25
        assert f'href="/reviews/assignments/{panels[0].assignments.get().pk}/"' in second
