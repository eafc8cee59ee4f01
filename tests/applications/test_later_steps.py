"""Steps after the re-check whose guards read expert review and public notices (Art. 9(3), 9(4), 11).

The panel result and notice status are stood in for here (the workflow reads them through two functions), so
each guard is tested alone; test_api_full_path.py and the browser test drive the real reviews and notices.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from ticms.applications import services, workflow
from ticms.applications.models import AttachmentKind
from ticms.centers.models import Center
from ticms.centers.services import create_center
from ticms.workflow.core import WorkflowError

from .factories import pdf, recommended_application

pytestmark = pytest.mark.django_db


def panel(complete=True, recommendation="recognize", missing=()):
    return SimpleNamespace(complete=complete, recommendation=recommendation, missing=list(missing),
                           mean_score=Decimal("85"))


def notice(ended=True, open_objections=0, sustained_objections=0, proposed="recognize"):
    return SimpleNamespace(published=True, ends_on=timezone.localdate() - datetime.timedelta(days=1), ended=ended,
                           open_objections=open_objections, sustained_objections=sustained_objections,
                           proposed=proposed)


@pytest.fixture
def fake(monkeypatch):
    state = SimpleNamespace(panel=None, notice=None)
    monkeypatch.setattr(workflow, "_panel_result", lambda app: state.panel)
    monkeypatch.setattr(workflow, "_notice_status", lambda app: state.notice)
    return state


def fire(user, app, name, comment=""):
    return services.transition_application(actor=user, application=app, name=name, comment=comment)


@pytest.fixture
def in_review(applicant, organisation, county_officer, bureau_officer):
    app = recommended_application(applicant, organisation, county_officer)
    return fire(bureau_officer, app, "recheck_pass")


def codes(exc):
    return [r.code for r in exc.value.reasons]


def test_conclude_review_refused_without_panel(fake, in_review, bureau_officer):
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, in_review, "conclude_review")
    assert codes(exc) == ["no_panel"] and exc.value.reasons[0].article == "9(3)"


def test_conclude_review_refused_while_opinions_missing_names_experts(fake, in_review, bureau_officer):
    fake.panel = panel(complete=False, recommendation=None, missing=["周教授"])
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, in_review, "conclude_review")
    assert codes(exc) == ["opinions_missing"] and "周教授" in str(exc.value.reasons[0])


def test_conclude_review_stores_the_panel_recommendation(fake, in_review, bureau_officer):
    fake.panel = panel(recommendation="preparatory")
    app = fire(bureau_officer, in_review, "conclude_review")
    assert app.state == "plan_revision" and app.proposed_outcome == "preparatory"


def test_conclude_review_refused_when_panel_recommends_reject(fake, in_review, bureau_officer):
    fake.panel = panel(recommendation="reject")
    with pytest.raises(WorkflowError):
        fire(bureau_officer, in_review, "conclude_review")
    assert fire(bureau_officer, in_review, "review_reject", "专家组不同意").state == "rejected"


def test_review_reject_refused_when_panel_supports(fake, in_review, bureau_officer):
    fake.panel = panel(recommendation="recognize")
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, in_review, "review_reject", "x")
    assert codes(exc) == ["panel_not_reject"]


@pytest.fixture
def in_plan_revision(fake, in_review, bureau_officer):
    fake.panel = panel()
    return fire(bureau_officer, in_review, "conclude_review")


def test_submit_plan_needs_revised_plan_uploaded_after_review(in_plan_revision, applicant):
    with pytest.raises(WorkflowError) as exc:
        fire(applicant, in_plan_revision, "submit_plan")
    assert codes(exc) == ["revised_plan_missing"]
    services.add_attachment(actor=applicant, application=in_plan_revision, kind=AttachmentKind.REVISED_PLAN,
                            upload=pdf("完善后的建设方案.pdf"))
    app = fire(applicant, in_plan_revision, "submit_plan")
    assert app.state == "plan_submitted" and app.versions.count() == 2


def test_only_revised_plan_may_be_uploaded_in_plan_revision(in_plan_revision, applicant):
    from ticms.errors import ServiceError

    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=applicant, application=in_plan_revision, kind=AttachmentKind.OTHER,
                                upload=pdf())
    assert exc.value.error == "not_editable"


@pytest.fixture
def plan_submitted(in_plan_revision, applicant):
    services.add_attachment(actor=applicant, application=in_plan_revision, kind=AttachmentKind.REVISED_PLAN,
                            upload=pdf("完善后的建设方案.pdf"))
    return fire(applicant, in_plan_revision, "submit_plan")


def test_return_plan_requires_comment_and_goes_back(plan_submitted, bureau_officer):
    with pytest.raises(WorkflowError):
        fire(bureau_officer, plan_submitted, "return_plan")
    assert fire(bureau_officer, plan_submitted, "return_plan", "请细化年度目标").state == "plan_revision"


def test_publicize_refused_unless_in_a_published_notice(fake, plan_submitted, bureau_officer):
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, plan_submitted, "publicize")
    assert codes(exc) == ["not_in_notice"] and exc.value.reasons[0].article == "9(4)"
    fake.notice = notice(ended=False)
    assert fire(bureau_officer, plan_submitted, "publicize").state == "publicized"


@pytest.fixture
def publicized(fake, plan_submitted, bureau_officer):
    fake.notice = notice(ended=False)
    return fire(bureau_officer, plan_submitted, "publicize")


def test_recognize_refused_while_notice_runs(fake, publicized, bureau_officer):
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, publicized, "recognize")
    assert codes(exc) == ["notice_running"]


def test_recognize_refused_with_open_objection(fake, publicized, bureau_officer):
    fake.notice = notice(open_objections=1)
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, publicized, "recognize")
    assert codes(exc) == ["objections_open"]


def test_recognize_creates_active_center_named_by_the_rule(fake, publicized, bureau_officer):
    fake.notice = notice()
    app = fire(bureau_officer, publicized, "recognize")
    center = app.center
    assert app.state == "recognized"
    assert center.official_name == "朔州市碳基新材料技术创新中心"
    assert center.status == "active" and center.recognized_on == timezone.localdate()
    assert center.lead_unit_id == app.lead_unit_id


def test_list_preparatory_refused_when_notice_proposed_recognition(fake, publicized, bureau_officer):
    fake.notice = notice(proposed="recognize")
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, publicized, "list_preparatory")
    assert codes(exc) == ["proposed_recognize"]


def test_list_preparatory_creates_preparatory_center(fake, publicized, bureau_officer):
    fake.notice = notice(proposed="preparatory")
    app = fire(bureau_officer, publicized, "list_preparatory")
    assert app.state == "preparatory" and app.center.status == "preparatory"


def test_notice_reject_only_with_sustained_objection(fake, publicized, bureau_officer):
    fake.notice = notice()
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, publicized, "notice_reject", "异议成立")
    assert codes(exc) == ["no_sustained_objection"]
    fake.notice = notice(sustained_objections=1)
    assert fire(bureau_officer, publicized, "notice_reject", "异议成立").state == "rejected"
    assert not Center.objects.exists()


def test_upgrade_track_recognition_activates_the_preparatory_center(fake, applicant, organisation, county_officer,
                                                                    bureau_officer):
    center = create_center(actor=bureau_officer, role="bureau_officer", official_name="朔州市储能技术创新中心",
                           category="domain", field="储能", host_unit=organisation, lead_unit=organisation,
                           status="preparatory", recognized_on=timezone.localdate(), article="11")
    app = services.create_application(actor=applicant, lead_unit=organisation, track="upgrade", upgrade_of=center)
    assert app.field == "储能" and app.call is None
    from .factories import COMPLETE_FACTS, attach_required

    services.update_application(actor=applicant, application=app, changes={**COMPLETE_FACTS, "field": "储能"})
    attach_required(applicant, app)
    app = fire(applicant, app, "submit")
    app = fire(county_officer, app, "county_recommend")
    app = fire(bureau_officer, app, "recheck_pass")
    fake.panel = panel()
    app = fire(bureau_officer, app, "conclude_review")
    services.add_attachment(actor=applicant, application=app, kind=AttachmentKind.REVISED_PLAN, upload=pdf())
    app = fire(applicant, app, "submit_plan")
    fake.notice = notice(ended=False)
    app = fire(bureau_officer, app, "publicize")
    fake.notice = notice()
    with pytest.raises(WorkflowError):
        fire(bureau_officer, app, "list_preparatory")
    app = fire(bureau_officer, app, "recognize")
    center.refresh_from_db()
    assert app.center_id == center.pk and center.status == "active"
    assert Center.objects.count() == 1


def test_recognising_a_conversion_marks_the_engineering_center_converted(fake, publicized, bureau_officer):
    from ticms.applications.models import Application
    from ticms.centers.models import EngineeringCenter

    eng = EngineeringCenter.objects.create(name="朔州市碳基材料工程技术研究中心", host_unit=publicized.lead_unit)
    Application.objects.filter(pk=publicized.pk).update(track="conversion", engineering_center=eng)
    fake.notice = notice()
    app = fire(bureau_officer, Application.objects.get(pk=publicized.pk), "recognize")
    eng.refresh_from_db()
    assert eng.converted and app.center.status == "active"
