import datetime

import pytest

from ticms.evaluations.models import Evaluation, EvaluationRound

from .factories import make_center, to_scoring

pytestmark = pytest.mark.django_db


def test_bureau_opens_round_from_the_page(client, bureau_officer, center, this_year):
    client.force_login(bureau_officer)
    deadline = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    response = client.post("/evaluations/rounds/new/", {"year": this_year, "materials_deadline": deadline,
                                                        "center_ids": [center.pk]})
    rnd = EvaluationRound.objects.get()
    assert response.status_code == 302 and response["Location"] == rnd.get_absolute_url()
    assert rnd.evaluations.get().center == center


def test_round_form_shows_chinese_error_for_past_deadline(client, bureau_officer, center, this_year):
    client.force_login(bureau_officer)
    response = client.post("/evaluations/rounds/new/", {"year": this_year, "materials_deadline": "2001-01-01"})
    assert response.status_code == 200 and "不能早于今天" in response.content.decode()
    assert not EvaluationRound.objects.exists()


def test_materials_form_saves_money_in_wan_yuan(client, applicant, evaluation):
    client.force_login(applicant)
    year = evaluation.data_years[0]
    response = client.post(f"/evaluations/{evaluation.pk}/materials/",
                           {"self_assessment": "自评", f"{year}__revenue": "12.5", f"{year}__transfers": "3"})
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.indicator_data[str(year)] == {"revenue": "125000.00", "transfers": 3}


@pytest.mark.parametrize("value", ["-1", "abc", "1" * 40])
def test_materials_form_bad_number_shows_error_and_writes_nothing(client, applicant, evaluation, value):
    client.force_login(applicant)
    year = evaluation.data_years[0]
    response = client.post(f"/evaluations/{evaluation.pk}/materials/", {f"{year}__revenue": value})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.indicator_data == {}


def test_materials_page_forbidden_to_county_officer(client, county_officer, evaluation):
    client.force_login(county_officer)
    assert client.get(f"/evaluations/{evaluation.pk}/materials/").status_code == 403


def test_evaluation_page_shows_buttons_of_the_role(client, applicant, evaluation):
    client.force_login(applicant)
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "提交评估材料" in page and "填写评估材料" in page and "审核通过" not in page


def test_refused_transition_from_page_shows_reasons(client, applicant, evaluation):
    client.force_login(applicant)
    response = client.post(f"/evaluations/{evaluation.pk}/transitions/submit/", {"expected_state":
                                                                                 "materials_pending"}, follow=True)
    assert "请填写自评报告" in response.content.decode()
    assert Evaluation.objects.get(pk=evaluation.pk).state == "materials_pending"


def test_conclude_form_retains_with_grade(client, applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation)
    client.force_login(bureau_officer)
    page = client.get(ev.get_absolute_url()).content.decode()
    assert "conclude-form" in page and "100.00" in page
    client.post(f"/evaluations/{ev.pk}/transitions/", {"transition": "conclude_retain", "grade": "",
                                                                "expected_state": "expert_scoring"})
    ev.refresh_from_db()
    assert (ev.outcome, ev.grade) == ("retain", "excellent")


def test_round_list_query_count_does_not_grow(client, bureau_officer, organisation, django_assert_max_num_queries,
                                              this_year):
    for n in range(6):
        make_center(bureau_officer, organisation, recognized_on=datetime.date(this_year - 3, 1, n + 1))
    from .factories import open_round

    rnd = open_round(bureau_officer, this_year)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(15):
        assert client.get(f"/evaluations/rounds/{rnd.pk}/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(f"/evaluations/rounds/{rnd.pk}/results/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/evaluations/").status_code == 200


def test_results_page_summarises_by_outcome_and_field(client, applicant, county_officer, bureau_officer,
                                                      evaluation, round_):
    from ticms.evaluations import services

    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation)
    services.conclude(actor=bureau_officer, evaluation=ev, outcome="retain")
    client.force_login(bureau_officer)
    page = client.get(f"/evaluations/rounds/{round_.pk}/results/").content.decode()
    assert "summary-field" in page and "推荐省级" in page and "vendor/echarts/echarts.min.js" in page


def test_panel_form_of_reviews_opens_for_an_evaluation(client, applicant, county_officer, bureau_officer,
                                                       evaluation):
    from .factories import forward, submit_materials

    submit_materials(applicant, evaluation)
    forward(county_officer, evaluation)
    client.force_login(bureau_officer)
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert f"/reviews/panels/new/evaluation/{evaluation.pk}/" in page
    response = client.get(f"/reviews/panels/new/evaluation/{evaluation.pk}/")
    assert response.status_code == 200 and evaluation.center.official_name in response.content.decode()


def _timeline_entries(page: str) -> list[str]:
    """The entries of the page's 记录 timeline, oldest first, each as its HTML."""
    block = page.split('<ol class="ticms-timeline">', 1)[1].split("</ol>", 1)[0]
    return [entry.split("</li>", 1)[0] for entry in block.split("<li>")[1:]]


def test_evaluation_page_records_each_step_in_chinese_with_the_actors_role(client, applicant, county_officer,
                                                                          evaluation):
    from ticms.evaluations import services

    from .factories import submit_materials

    submit_materials(applicant, evaluation)
    services.transition_evaluation(actor=county_officer, evaluation=evaluation, name="county_return",
                                   comment="研发投入数据与审计报告不一致")
    client.force_login(applicant)
    entries = _timeline_entries(client.get(evaluation.get_absolute_url()).content.decode())
    assert len(entries) == 3
    filled, submitted, returned = entries
    assert "填报评估材料" in filled and "申请单位（依托单位）" in filled
    assert "提交评估材料" in submitted and "待提交材料 → 待归口单位审核" in submitted and "第十六条" in submitted
    assert applicant.display_name in submitted and "申请单位（依托单位）" in submitted
    assert "退回修改" in returned and "待归口单位审核 → 已退回修改" in returned and "第六条第（三）项" in returned
    assert county_officer.display_name in returned and "归口管理单位工作人员" in returned
    assert "研发投入数据与审计报告不一致" in returned


def test_evaluation_page_names_the_system_for_the_overdue_flag(client, applicant, round_, evaluation):
    from ticms.evaluations import tick

    tick.run(round_.materials_deadline + datetime.timedelta(days=1))
    client.force_login(applicant)
    [flagged] = _timeline_entries(client.get(evaluation.get_absolute_url()).content.decode())
    assert "评估材料逾期（系统标记）" in flagged and "· 系统" in flagged and "第十六条" in flagged
    assert "· system" not in flagged  # no untranslated role code after the actor


@pytest.mark.parametrize("centers", [5, 50])
def test_round_results_filter_by_grade_with_flat_queries(client, bureau_officer, organisation, this_year, centers,
                                                         django_assert_max_num_queries):
    from .factories import open_round

    for n in range(centers):
        make_center(bureau_officer, organisation, recognized_on=datetime.date(this_year - 3, 1 + n // 28, 1 + n % 28))
    rnd = open_round(bureau_officer, this_year)
    graded = list(rnd.evaluations.order_by("pk")[:3])
    Evaluation.objects.filter(pk__in=[e.pk for e in graded]).update(grade="excellent")
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(15):
        html = client.get(f"/evaluations/rounds/{rnd.pk}/results/?grade=excellent&per=100").content.decode()
    assert 'id="list-total">共 3 条' in html
    with django_assert_max_num_queries(15):
        html = client.get(f"/evaluations/rounds/{rnd.pk}/results/?per=100").content.decode()
    assert f'id="list-total">共 {centers} 条' in html
