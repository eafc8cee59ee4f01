"""County review and the bureau's re-check (Art. 6(2), 8, 9(2), 9(3), 11)."""

import pytest

from ticms.applications import services
from ticms.audit.models import Event
from ticms.workflow.core import WorkflowError

from .factories import recommended_application, submitted_application

pytestmark = pytest.mark.django_db


def fire(user, app, name, comment="", **kw):
    return services.transition_application(actor=user, application=app, name=name, comment=comment, **kw)


def test_county_officer_recommends(applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    assert fire(county_officer, app, "county_recommend").state == "recommended"


def test_county_return_requires_comment(applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    with pytest.raises(WorkflowError) as exc:
        fire(county_officer, app, "county_return")
    assert exc.value.status == 422 and exc.value.reasons[0].code == "comment_required"


def test_county_return_with_comment_records_it_in_audit(applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    app = fire(county_officer, app, "county_return", "请补充审计报告")
    event = Event.objects.filter(action="application.county_return").get()
    assert app.state == "returned" and event.data["comment"] == "请补充审计报告"
    assert event.data["version_number"] == 1


def test_county_reject_requires_comment(applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    with pytest.raises(WorkflowError):
        fire(county_officer, app, "county_reject")
    assert fire(county_officer, app, "county_reject", "不符合产业政策").state == "rejected"


def test_applicant_cannot_recommend_own_application(applicant, organisation):
    app = submitted_application(applicant, organisation)
    with pytest.raises(WorkflowError) as exc:
        fire(applicant, app, "county_recommend")
    assert exc.value.status == 403


def test_bureau_cannot_do_county_review(applicant, organisation, bureau_officer):
    app = submitted_application(applicant, organisation)
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, app, "county_recommend")
    assert exc.value.status == 403


def test_recheck_pass_moves_eligible_application_to_expert_review(applicant, organisation, county_officer,
                                                                   bureau_officer):
    app = recommended_application(applicant, organisation, county_officer)
    assert fire(bureau_officer, app, "recheck_pass").state == "expert_review"


def test_recheck_pass_refused_when_a_rule_is_not_met_citing_article_8(applicant, organisation, county_officer,
                                                                      bureau_officer):
    app = recommended_application(applicant, organisation, county_officer, fixed_staff=10)
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, app, "recheck_pass")
    assert exc.value.status == 422
    assert [r.code for r in exc.value.reasons] == ["not_met_fixed_staff"]
    assert exc.value.reasons[0].article.startswith("8")


def test_recheck_pass_allowed_with_preparatory_request(applicant, organisation, county_officer, bureau_officer):
    app = recommended_application(applicant, organisation, county_officer, fixed_staff=10,
                                  requests_preparatory=True, preparatory_reason="储能领域发展急需")
    assert fire(bureau_officer, app, "recheck_pass").state == "expert_review"


def test_preparatory_request_needs_a_reason_to_submit(applicant, organisation):
    with pytest.raises(WorkflowError) as exc:
        submitted_application(applicant, organisation, requests_preparatory=True)
    assert [r.code for r in exc.value.reasons] == ["missing_preparatory_reason"]
    assert exc.value.reasons[0].article == "11"


def test_recheck_return_sends_back_to_applicant_who_may_resubmit(applicant, organisation, county_officer,
                                                                 bureau_officer):
    app = recommended_application(applicant, organisation, county_officer)
    app = fire(bureau_officer, app, "recheck_return", "研发投入证明不清")
    assert app.state == "returned"
    assert fire(applicant, app, "submit").state == "submitted"


def test_recheck_reject_requires_comment(applicant, organisation, county_officer, bureau_officer):
    app = recommended_application(applicant, organisation, county_officer)
    with pytest.raises(WorkflowError):
        fire(bureau_officer, app, "recheck_reject")
    assert fire(bureau_officer, app, "recheck_reject", "存在失信记录").state == "rejected"


def test_stale_expected_state_is_refused_with_409(applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    fire(county_officer, app, "county_recommend")
    with pytest.raises(WorkflowError) as exc:
        fire(county_officer, app, "county_recommend", expected_state="submitted")
    assert exc.value.status == 409


def test_withdraw_from_recommended_but_not_from_expert_review(applicant, organisation, county_officer,
                                                             bureau_officer):
    app = recommended_application(applicant, organisation, county_officer)
    other = recommended_application(applicant, organisation, county_officer)
    assert fire(applicant, app, "withdraw").state == "withdrawn"
    other = fire(bureau_officer, other, "recheck_pass")
    with pytest.raises(WorkflowError) as exc:
        fire(applicant, other, "withdraw")
    assert exc.value.status == 409
