import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from ticms.audit.models import Event
from ticms.centers.models import Center, CenterStatusChange
from ticms.errors import ServiceError
from ticms.evaluations import services
from ticms.evaluations.models import Evaluation, EvaluationRound, Rectification
from ticms.evaluations.workflow import FLOWS
from ticms.workflow.core import WorkflowError

from .factories import forward, full_data, open_round, submit_materials, to_scoring

pytestmark = pytest.mark.django_db


def test_every_flow_matches_its_fsm_graph():
    assert [f.check_complete() for f in FLOWS] == [[], [], []]


def test_open_round_creates_one_evaluation_per_due_center(round_, center, other_center):
    assert set(round_.evaluations.values_list("center_id", flat=True)) == {center.pk, other_center.pk}
    assert round_.indicator_version and round_.indicator_system["indicators"]


def test_open_round_freezes_three_data_years(evaluation, this_year):
    assert evaluation.data_years == [this_year - 3, this_year - 2, this_year - 1]


def test_open_round_twice_for_a_year_refused(round_, bureau_officer, this_year):
    with pytest.raises(ServiceError) as exc:
        open_round(bureau_officer, this_year)
    assert exc.value.status == 409


def test_open_round_without_due_centers_refused(bureau_officer, center, this_year):
    with pytest.raises(ServiceError) as exc:
        open_round(bureau_officer, this_year + 1)
    assert exc.value.error == "none_due"
    assert not EvaluationRound.objects.exists()


def test_open_round_with_a_center_not_due_refused(bureau_officer, center, this_year, organisation):
    from .factories import make_center

    fresh = make_center(bureau_officer, organisation, recognized_on=datetime.date(this_year, 1, 2))
    with pytest.raises(ServiceError) as exc:
        open_round(bureau_officer, this_year, center_ids=[center.pk, fresh.pk])
    assert exc.value.error == "not_due"


def test_open_round_by_applicant_refused(applicant, center, this_year):
    with pytest.raises(PermissionDenied):
        open_round(applicant, this_year)


def test_submit_with_incomplete_materials_refused_with_article(applicant, evaluation):
    with pytest.raises(WorkflowError) as exc:
        services.transition_evaluation(actor=applicant, evaluation=evaluation, name="submit")
    assert exc.value.status == 422
    assert {r.code for r in exc.value.reasons} == {"self_assessment_missing", "indicator_data_missing"}
    assert all(r.article == "16" for r in exc.value.reasons)


def test_update_materials_stores_money_in_yuan_and_audits(applicant, evaluation):
    services.update_materials(actor=applicant, evaluation=evaluation, indicator_data=full_data(evaluation))
    evaluation.refresh_from_db()
    year = str(evaluation.data_years[0])
    assert evaluation.indicator_data[year]["revenue"] == "10000000.00"
    event = Event.objects.get(action="evaluation.update_materials")
    assert event.data["changes"]["indicator_data"]["before"] == {}


@pytest.mark.parametrize("value, key", [("-1", "revenue"), ("abc", "transfers"), ("1e30", "revenue"),
                                        ("2.5", "transfers"), (True, "ip_assets"), ("NaN", "revenue")])
def test_bad_indicator_data_refused_and_nothing_written(applicant, evaluation, value, key):
    data = full_data(evaluation)
    data[str(evaluation.data_years[1])][key] = value
    with pytest.raises(ServiceError) as exc:
        services.update_materials(actor=applicant, evaluation=evaluation, self_assessment="新的自评",
                                  indicator_data=data)
    assert f"{evaluation.data_years[1]}.{key}" in exc.value.detail
    evaluation.refresh_from_db()
    assert evaluation.self_assessment == "" and evaluation.indicator_data == {}
    assert not Event.objects.filter(action="evaluation.update_materials").exists()


def test_indicator_data_for_a_year_outside_the_period_refused(applicant, evaluation):
    with pytest.raises(ServiceError):
        services.update_materials(actor=applicant, evaluation=evaluation, indicator_data={"1999": {"revenue": 1}})


def test_other_host_unit_cannot_edit_materials(other_applicant, evaluation):
    with pytest.raises(PermissionDenied):
        services.update_materials(actor=other_applicant, evaluation=evaluation, self_assessment="x")


def test_materials_locked_after_submit(applicant, evaluation):
    submit_materials(applicant, evaluation)
    with pytest.raises(ServiceError) as exc:
        services.update_materials(actor=applicant, evaluation=evaluation, self_assessment="改")
    assert exc.value.status == 409


def test_county_return_needs_comment_and_reopens_materials(applicant, county_officer, evaluation):
    submit_materials(applicant, evaluation)
    with pytest.raises(WorkflowError):
        services.transition_evaluation(actor=county_officer, evaluation=evaluation, name="county_return")
    ev = services.transition_evaluation(actor=county_officer, evaluation=evaluation, name="county_return",
                                        comment="请补充审计报告")
    assert ev.state == "returned"
    services.update_materials(actor=applicant, evaluation=ev, self_assessment="已补充")


def test_other_county_cannot_forward(applicant, other_county_officer, evaluation):
    from ticms.evaluations.selectors import evaluations_visible_to

    submit_materials(applicant, evaluation)
    assert not evaluations_visible_to(other_county_officer).filter(pk=evaluation.pk).exists()


def test_start_scoring_needs_a_panel(applicant, county_officer, bureau_officer, evaluation):
    submit_materials(applicant, evaluation)
    forward(county_officer, evaluation)
    with pytest.raises(WorkflowError) as exc:
        services.transition_evaluation(actor=bureau_officer, evaluation=evaluation, name="start_scoring")
    assert exc.value.reasons[0].code == "no_panel"


def test_conclude_before_all_experts_scored_refused(applicant, county_officer, bureau_officer, evaluation):
    from .factories import form_panel, make_experts

    submit_materials(applicant, evaluation)
    forward(county_officer, evaluation)
    make_experts(bureau_officer, 3)
    form_panel(bureau_officer, evaluation, 3)
    services.transition_evaluation(actor=bureau_officer, evaluation=evaluation, name="start_scoring")
    with pytest.raises(WorkflowError) as exc:
        services.conclude(actor=bureau_officer, evaluation=evaluation, outcome="retain")
    assert exc.value.reasons[0].code == "opinions_missing"


@pytest.mark.parametrize("fractions, expert_total", [
    (("1", "0.5", "0"), Decimal("32.50")),                            # 3 experts: plain mean
    (("1", "0.8", "0.6", "0.4", "0"), Decimal("39.00")),             # 5: drop 65 and 0 → mean(52, 39, 26)
    (("1", "0.9", "0.8", "0.6", "0.4", "0.2", "0"), Decimal("37.70")),  # 7: drop 65, 0 → mean(58.5 … 13)
])
def test_expert_part_is_the_trimmed_mean(applicant, county_officer, bureau_officer, evaluation, fractions,
                                        expert_total):
    from ticms.evaluations.scoring import score_sheet

    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, fractions)
    sheet = score_sheet(ev)
    assert sheet.expert_total == expert_total
    assert sheet.total == expert_total + Decimal("35.00")


def test_retain_excellent_marks_priority_support_and_provincial_recommendation(
        applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation)
    ev = services.conclude(actor=bureau_officer, evaluation=ev, outcome="retain")
    assert (ev.outcome, ev.grade, ev.total_score) == ("retain", "excellent", Decimal("100.00"))
    assert ev.priority_support and ev.provincial_recommendation
    assert Event.objects.filter(action="center.provincial_recommendation", object_id=str(ev.center_id)).exists()
    assert Center.objects.get(pk=ev.center_id).status == "active"
    support = Center.objects.get(pk=ev.center_id).supports.get()
    assert support.kind == "provincial_recommendation" and support.year == ev.round.year


def test_grade_other_than_cutoff_needs_a_reason(applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation)
    with pytest.raises(WorkflowError) as exc:
        services.conclude(actor=bureau_officer, evaluation=ev, outcome="retain", grade="good")
    assert exc.value.reasons[0].code == "deviation_unexplained"
    ev = services.conclude(actor=bureau_officer, evaluation=ev, outcome="retain", grade="good",
                           comment="存在安全生产问题，不宜评为优秀")
    assert (ev.grade, ev.suggested_grade, ev.provincial_recommendation) == ("good", "excellent", False)


def test_retain_below_pass_line_needs_a_chosen_grade_and_reason(applicant, county_officer, bureau_officer,
                                                               evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0", "0", "0"))
    with pytest.raises(WorkflowError) as exc:
        services.conclude(actor=bureau_officer, evaluation=ev, outcome="retain")
    assert exc.value.reasons[0].code == "below_pass"


def test_rectify_sets_center_rectifying_with_deadline(applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0.2", "0.2", "0.2"))
    deadline = datetime.date.today() + datetime.timedelta(days=90)
    ev = services.conclude(actor=bureau_officer, evaluation=ev, outcome="rectify", comment="完善开放共享制度",
                           deadline=deadline)
    assert (ev.outcome, ev.grade) == ("rectify", "fail")
    assert ev.rectification.deadline == deadline and ev.rectification.requirements == "完善开放共享制度"
    assert Center.objects.get(pk=ev.center_id).status == "rectifying"
    assert CenterStatusChange.objects.filter(center_id=ev.center_id, to_status="rectifying", article="16").exists()


def test_rectify_with_past_deadline_refused(applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0.2", "0.2", "0.2"))
    with pytest.raises(WorkflowError) as exc:
        services.conclude(actor=bureau_officer, evaluation=ev, outcome="rectify", comment="整改",
                          deadline="2000-01-01")
    assert exc.value.reasons[0].code == "deadline_past"
    assert not Rectification.objects.exists()
    assert Evaluation.objects.get(pk=ev.pk).state == "expert_scoring"


def test_rectification_passed_returns_center_to_active(applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0.2", "0.2", "0.2"))
    ev = services.conclude(actor=bureau_officer, evaluation=ev, outcome="rectify", comment="整改")
    rect = ev.rectification
    with pytest.raises(WorkflowError):
        services.transition_rectification(actor=applicant, rectification=rect, name="submit_report")
    services.write_rectification_report(actor=applicant, rectification=rect, report="已完成整改。")
    services.transition_rectification(actor=applicant, rectification=rect, name="submit_report")
    rect = services.transition_rectification(actor=bureau_officer, rectification=rect, name="pass_recheck")
    assert rect.state == "passed"
    assert Center.objects.get(pk=ev.center_id).status == "active"


def test_rectification_failed_revokes_center(applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0.2", "0.2", "0.2"))
    ev = services.conclude(actor=bureau_officer, evaluation=ev, outcome="rectify", comment="整改")
    rect = ev.rectification
    services.write_rectification_report(actor=applicant, rectification=rect, report="部分完成。")
    services.transition_rectification(actor=applicant, rectification=rect, name="submit_report")
    services.transition_rectification(actor=bureau_officer, rectification=rect, name="fail_recheck",
                                      comment="整改不到位")
    assert Center.objects.get(pk=ev.center_id).status == "revoked"


def test_failing_a_rectification_without_report_waits_for_the_deadline(applicant, county_officer,
                                                                       bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0.2", "0.2", "0.2"))
    ev = services.conclude(actor=bureau_officer, evaluation=ev, outcome="rectify", comment="整改")
    with pytest.raises(WorkflowError) as exc:
        services.transition_rectification(actor=bureau_officer, rectification=ev.rectification,
                                          name="fail_recheck", comment="未交报告")
    assert exc.value.reasons[0].code == "deadline_not_passed"


def test_revoke_revokes_the_center(applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0", "0", "0"))
    ev = services.conclude(actor=bureau_officer, evaluation=ev, outcome="revoke", comment="长期未开展工作")
    assert ev.outcome == "revoke"
    assert Center.objects.get(pk=ev.center_id).status == "revoked"
    event = Event.objects.get(action="evaluation.conclude_revoke")
    assert event.data["outcome"] == "revoke" and event.data["article"] == "5(4)"


def test_close_round_needs_every_evaluation_concluded(round_, bureau_officer):
    with pytest.raises(WorkflowError) as exc:
        services.close_round(actor=bureau_officer, round=round_)
    assert exc.value.reasons[0].code == "evaluations_open"


def test_county_officer_of_another_county_cannot_forward(applicant, other_county_officer, evaluation):
    from django.http import Http404

    submit_materials(applicant, evaluation)
    with pytest.raises(Http404):
        services.transition_evaluation(actor=other_county_officer, evaluation=evaluation, name="county_forward")
    assert Evaluation.objects.get(pk=evaluation.pk).state == "submitted"
