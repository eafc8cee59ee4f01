"""Steps after the re-check whose guards read the expert panel and the public notice (Art. 9(3), 9(4), 11).

Each guard is driven by real records: a panel drawn from real experts who declare and submit opinions, and a
real notice published on the working-day calendar, with objections raised and handled through their services.
The clock is frozen on a Monday of a year the holiday calendar knows (`frozen_today`).
"""

import datetime

import pytest
from django.utils import timezone

from ticms.applications import services
from ticms.applications.models import Application, AttachmentKind
from ticms.centers.models import Center, EngineeringCenter
from ticms.centers.services import create_center
from ticms.errors import ServiceError
from ticms.notices.services import handle_objection, raise_objection
from ticms.workflow.core import WorkflowError

from ..notices.factories import ended_notice, published_notice
from ..reviews.factories import declare_and_submit, panel_for
from .factories import COMPLETE_FACTS, attach_required, pdf, recommended_application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def fire(user, app, name, comment=""):
    return services.transition_application(actor=user, application=app, name=name, comment=comment)


def codes(exc):
    return [r.code for r in exc.value.reasons]


@pytest.fixture
def in_review(applicant, organisation, county_officer, bureau_officer):
    app = recommended_application(applicant, organisation, county_officer)
    return fire(bureau_officer, app, "recheck_pass")


def reviewed(bureau, app, recommendation="recognize"):
    """A panel of three for `app`, every expert declared and agreed on `recommendation`."""
    panel = panel_for(bureau, app)
    declare_and_submit(panel, recommendation=recommendation)
    return panel


def test_conclude_review_refused_without_panel(in_review, bureau_officer):
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, in_review, "conclude_review")
    assert codes(exc) == ["no_panel"] and exc.value.reasons[0].article == "9(3)"


def test_conclude_review_refused_while_opinions_missing_names_experts(in_review, bureau_officer):
    panel = panel_for(bureau_officer, in_review)
    first, second, last = panel.assignments.order_by("pk").select_related("expert")
    declare_and_submit(panel, only={first.pk, second.pk})
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, in_review, "conclude_review")
    assert codes(exc) == ["opinions_missing"]
    assert last.expert.name in str(exc.value.reasons[0]) and first.expert.name not in str(exc.value.reasons[0])


def test_conclude_review_stores_the_panel_recommendation(in_review, bureau_officer):
    reviewed(bureau_officer, in_review, "preparatory")
    app = fire(bureau_officer, in_review, "conclude_review")
    assert app.state == "plan_revision" and app.proposed_outcome == "preparatory"


def test_conclude_review_refused_when_panel_recommends_reject(in_review, bureau_officer):
    reviewed(bureau_officer, in_review, "reject")
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, in_review, "conclude_review")
    assert codes(exc) == ["panel_not_positive"]
    assert fire(bureau_officer, in_review, "review_reject", "专家组不同意").state == "rejected"


def test_review_reject_refused_when_panel_supports(in_review, bureau_officer):
    reviewed(bureau_officer, in_review, "recognize")
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, in_review, "review_reject", "x")
    assert codes(exc) == ["panel_not_reject"]


@pytest.fixture
def in_plan_revision(in_review, bureau_officer):
    reviewed(bureau_officer, in_review)
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


def test_publicize_refused_unless_in_a_published_notice(plan_submitted, bureau_officer):
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, plan_submitted, "publicize")
    assert codes(exc) == ["not_in_notice"] and exc.value.reasons[0].article == "9(4)"
    published_notice(bureau_officer, [plan_submitted])
    plan_submitted.refresh_from_db()
    assert plan_submitted.state == "publicized"


def notice_on(bureau, app, *, ended=True, proposed=None):
    """Publish a notice of `app`: today, or twenty days ago (the clock moved back to publish it) and over."""
    publish = ended_notice if ended else published_notice
    notice = publish(bureau, [app], proposed={app.pk: proposed} if proposed else None)
    app.refresh_from_db()
    return notice


def objection(notice):
    """An objection raised on the notice's first day, so it is in time whether or not the period is over."""
    return raise_objection(item=notice.items.get(), name="赵公民", organisation="某企业", phone="13803490000",
                           content="研发投入数据与年报不一致。", today=notice.starts_on)


def test_recognize_refused_while_notice_runs(plan_submitted, bureau_officer):
    notice_on(bureau_officer, plan_submitted, ended=False)
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, plan_submitted, "recognize")
    assert codes(exc) == ["notice_running"]


def test_recognize_refused_with_open_objection_then_allowed_once_dismissed(plan_submitted, bureau_officer):
    notice = notice_on(bureau_officer, plan_submitted)
    raised = objection(notice)
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, plan_submitted, "recognize")
    assert codes(exc) == ["objections_open"]
    handle_objection(actor=bureau_officer, objection=raised, sustained=False, handling="经核实，数据与审计报告一致。")
    assert fire(bureau_officer, plan_submitted, "recognize").state == "recognized"


def test_recognize_creates_active_center_named_by_the_rule(plan_submitted, bureau_officer):
    notice_on(bureau_officer, plan_submitted)
    app = fire(bureau_officer, plan_submitted, "recognize")
    center = app.center
    assert app.state == "recognized"
    assert center.official_name == "朔州市碳基新材料技术创新中心"
    assert center.status == "active" and center.recognized_on == timezone.localdate()
    assert center.lead_unit_id == app.lead_unit_id


def test_list_preparatory_refused_when_notice_proposed_recognition(plan_submitted, bureau_officer):
    notice_on(bureau_officer, plan_submitted, proposed="recognize")
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, plan_submitted, "list_preparatory")
    assert codes(exc) == ["proposed_recognize"]


def test_list_preparatory_creates_preparatory_center(plan_submitted, bureau_officer):
    notice_on(bureau_officer, plan_submitted, proposed="preparatory")
    app = fire(bureau_officer, plan_submitted, "list_preparatory")
    assert app.state == "preparatory" and app.center.status == "preparatory"


def test_notice_reject_only_with_sustained_objection(plan_submitted, bureau_officer):
    notice = notice_on(bureau_officer, plan_submitted)
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, plan_submitted, "notice_reject", "异议成立")
    assert codes(exc) == ["no_sustained_objection"]
    handle_objection(actor=bureau_officer, objection=objection(notice), sustained=True, handling="经核实，异议成立。")
    with pytest.raises(WorkflowError) as exc:
        fire(bureau_officer, plan_submitted, "recognize")
    assert "objection_sustained" in codes(exc)
    assert fire(bureau_officer, plan_submitted, "notice_reject", "异议成立").state == "rejected"
    assert not Center.objects.exists()


def test_upgrade_track_recognition_activates_the_preparatory_center(applicant, organisation, county_officer,
                                                                    bureau_officer):
    center = create_center(actor=bureau_officer, role="bureau_officer", official_name="朔州市储能技术创新中心",
                           category="domain", field="储能", host_unit=organisation, lead_unit=organisation,
                           status="preparatory", recognized_on=datetime.date(2024, 6, 1), article="11")
    app = services.create_application(actor=applicant, lead_unit=organisation, track="upgrade", upgrade_of=center)
    assert app.field == "储能" and app.call is None
    services.update_application(actor=applicant, application=app, changes={**COMPLETE_FACTS, "field": "储能"})
    attach_required(applicant, app)
    app = fire(applicant, app, "submit")
    app = fire(county_officer, app, "county_recommend")
    app = fire(bureau_officer, app, "recheck_pass")
    reviewed(bureau_officer, app)
    app = fire(bureau_officer, app, "conclude_review")
    services.add_attachment(actor=applicant, application=app, kind=AttachmentKind.REVISED_PLAN, upload=pdf())
    app = fire(applicant, app, "submit_plan")
    notice_on(bureau_officer, app)
    with pytest.raises(WorkflowError):
        fire(bureau_officer, app, "list_preparatory")
    app = fire(bureau_officer, app, "recognize")
    center.refresh_from_db()
    assert app.center_id == center.pk and center.status == "active"
    assert Center.objects.count() == 1


def test_recognising_a_conversion_marks_the_engineering_center_converted(plan_submitted, bureau_officer):
    eng = EngineeringCenter.objects.create(name="朔州市碳基材料工程技术研究中心", host_unit=plan_submitted.lead_unit)
    Application.objects.filter(pk=plan_submitted.pk).update(track="conversion", engineering_center=eng)
    notice_on(bureau_officer, plan_submitted)
    app = fire(bureau_officer, Application.objects.get(pk=plan_submitted.pk), "recognize")
    eng.refresh_from_db()
    assert eng.converted and app.center.status == "active"


@pytest.mark.django_db(transaction=True)
def test_double_recognition_applies_once(plan_submitted, bureau_officer):
    """Two officers (or one double click) recognise at the same moment: one center, one event, one refusal."""
    from ticms.audit.models import Event
    from ticms.audit.services import verify

    from ..clicks import click_twice_at_once

    notice_on(bureau_officer, plan_submitted)
    outcomes = click_twice_at_once(
        lambda: fire(bureau_officer, Application.objects.get(pk=plan_submitted.pk), "recognize"))
    assert outcomes == [409, "applied"]
    assert Application.objects.get(pk=plan_submitted.pk).state == "recognized"
    assert Center.objects.count() == 1
    assert Event.objects.filter(action="application.recognize").count() == 1
    assert verify().ok


def test_bureau_is_told_how_to_accept_a_revised_plan(client, plan_submitted, bureau_officer, applicant):
    """There is no separate "accept" step (DESIGN §4.1): putting the application on a notice accepts the plan."""
    client.force_login(bureau_officer)
    page = client.get(f"/applications/{plan_submitted.pk}/").content.decode()
    assert 'id="plan-accept-hint"' in page and 'href="/notices/new/"' in page
    assert 'value="return_plan"' in page
    client.force_login(applicant)
    assert 'id="plan-accept-hint"' not in client.get(f"/applications/{plan_submitted.pk}/").content.decode()
