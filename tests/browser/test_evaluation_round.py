"""A round from opening to three outcomes in Chromium: one center retained as excellent, one rectified then
retained, one revoked. The first center goes through every page — materials, county check, panel drawn on the
panel page, three experts declaring and scoring on their pages, conclusion; the other two get their materials and
expert scores through the services to keep the test short (their own pages are the same ones)."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.actions import choose_action, confirm_dialog
from tests.evaluations.factories import form_panel, make_center, make_experts, score_all, submit_materials
from tests.factories import OrganisationFactory, user_with_role
from ticms.accounts.roles import Role
from ticms.centers.models import Center
from ticms.evaluations import services
from ticms.evaluations.models import Evaluation, EvaluationRound
from ticms.evaluations.scoring import evaluation_system
from ticms.reviews.models import Assignment

pytestmark = pytest.mark.browser


def _conclude(page, live_server, ev, outcome, comment=""):
    page.goto(f"{live_server.url}{ev.get_absolute_url()}")
    page.check(f"#outcome-{outcome}")
    if comment:
        page.fill("#id_comment", comment)
    page.click("#conclude-form button[type=submit]")
    if outcome == "revoke":  # dangerous: asked in the confirmation dialog
        confirm_dialog(page, "此操作无法撤销")
    page.wait_for_load_state()


def test_round_from_opening_to_three_outcomes(page, live_server, login, county):
    year = timezone.localdate().year
    bureau = user_with_role(Role.BUREAU_OFFICER)
    county_officer = user_with_role(Role.COUNTY_OFFICER, competent_unit=county)
    orgs = [OrganisationFactory(competent_unit=county) for _ in range(3)]
    applicants = [user_with_role(Role.APPLICANT, organisation=o) for o in orgs]
    centers = [make_center(bureau, o, recognized_on=datetime.date(year - 3, 2, n + 1)) for n, o in enumerate(orgs)]

    # The bureau opens the round on its page.
    login(page, live_server, bureau)
    page.goto(f"{live_server.url}/evaluations/rounds/new/")
    page.fill("#id_materials_deadline", (timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    page.click("#round-form button[type=submit]")
    page.wait_for_load_state()
    rnd = EvaluationRound.objects.get(year=year)
    assert page.url.endswith(rnd.get_absolute_url())
    evs = [rnd.evaluations.get(center=c) for c in centers]

    # The first host unit fills in its materials and submits them on the page.
    page.context.clear_cookies()
    login(page, live_server, applicants[0])
    page.goto(f"{live_server.url}/evaluations/{evs[0].pk}/materials/")
    page.fill("#id_self_assessment", "三年来完成关键技术攻关三项。")
    for y in evs[0].data_years:
        for code, value in {"revenue": "1000", "rd_investment": "100", "key_technologies": "2", "transfers": "4",
                            "transfer_income": "50", "incubated_smes": "2", "ip_assets": "7", "fixed_staff": "40",
                            "visiting_staff": "5"}.items():
            page.fill(f"#id_{y}__{code}", value)
    page.click("#materials-form button[type=submit]")
    page.wait_for_load_state()
    choose_action(page, "submit")
    assert Evaluation.objects.get(pk=evs[0].pk).state == "submitted"
    for applicant, ev in zip(applicants[1:], evs[1:], strict=True):
        submit_materials(applicant, ev)

    # The county officer forwards on the page.
    page.context.clear_cookies()
    login(page, live_server, county_officer)
    for ev in evs:
        page.goto(f"{live_server.url}{ev.get_absolute_url()}")
        choose_action(page, "county_forward")
    assert set(Evaluation.objects.filter(round=rnd).values_list("state", flat=True)) == {"county_checked"}

    # The first center's panel on the pages: the bureau draws it and starts scoring; each expert declares no
    # conflict and scores every expert indicator in full.
    experts = make_experts(bureau, 5)
    page.context.clear_cookies()
    login(page, live_server, bureau)
    page.goto(f"{live_server.url}{evs[0].get_absolute_url()}")
    page.click("#form-panel")
    page.fill("#id_size", "3")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_load_state()
    assert "已随机抽取 3 名专家组成专家组" in page.content()
    page.goto(f"{live_server.url}{evs[0].get_absolute_url()}")
    choose_action(page, "start_scoring")
    assert Evaluation.objects.get(pk=evs[0].pk).state == "expert_scoring"
    drawn = list(Assignment.objects.filter(panel__object_id=evs[0].pk, panel__purpose="evaluation")
                 .select_related("expert__user").order_by("pk"))
    assert len(drawn) == 3 and {a.expert.user for a in drawn} <= set(experts)
    for assignment in drawn:
        page.context.clear_cookies()
        login(page, live_server, assignment.expert.user)
        page.goto(f"{live_server.url}/reviews/assignments/{assignment.pk}/")
        page.get_by_role("button", name="声明无利益冲突，开始评审").click()
        page.wait_for_load_state()
        for indicator in evaluation_system(evs[0]).expert_indicators:
            page.fill(f"#id_score_{indicator.code}", str(indicator.weight))
        page.check("input[name=recommendation][value=retain]")
        page.fill("#id_comment", "研发投入稳定，成果转化成效显著。")
        page.get_by_role("button", name="提交评审意见").click()
        confirm_dialog(page, "提交后不能修改")
        assert "已提交" in page.inner_text("#opinion")

    # The other two through the services (failing, failing).
    for ev, fraction in zip(evs[1:], ("0.2", "0"), strict=True):
        panel = form_panel(bureau, ev, 3)
        services.transition_evaluation(actor=bureau, evaluation=ev, name="start_scoring")
        score_all(panel, [fraction] * 3)

    # The bureau concludes on the pages.
    page.context.clear_cookies()
    login(page, live_server, bureau)
    _conclude(page, live_server, evs[0], "retain")
    assert "优秀" in page.inner_text("#outcome") and "优先推荐申报省级" in page.inner_text("#outcome")
    _conclude(page, live_server, evs[1], "rectify", "完善开放共享制度，补齐研发投入。")
    assert page.inner_text("#center-status") == Center.objects.get(pk=centers[1].pk).get_status_display()
    _conclude(page, live_server, evs[2], "revoke", "连续三年未开展研发活动。")
    assert Center.objects.get(pk=centers[2].pk).status == "revoked"

    # The second host unit reports on its rectification; the bureau re-checks and retains.
    page.context.clear_cookies()
    login(page, live_server, applicants[1])
    page.goto(f"{live_server.url}{evs[1].get_absolute_url()}")
    page.fill("#id_report", "已建立开放共享制度，研发投入达标。")
    page.click("#report-form button[type=submit]")
    page.wait_for_load_state()
    choose_action(page, "submit_report")
    page.context.clear_cookies()
    login(page, live_server, bureau)
    page.goto(f"{live_server.url}{evs[1].get_absolute_url()}")
    choose_action(page, "pass_recheck")

    assert [Center.objects.get(pk=c.pk).status for c in centers] == ["active", "active", "revoked"]
    page.goto(f"{live_server.url}/evaluations/rounds/{rnd.pk}/results/")
    results = page.inner_text("#results")
    assert "推荐省级" in results and "撤销" in results and "整改" in results
    page.goto(f"{live_server.url}{rnd.get_absolute_url()}")
    choose_action(page, "close")
    assert EvaluationRound.objects.get(pk=rnd.pk).state == "closed"
