"""Public notices (Art. 9(4), 11): five working days, all-or-nothing publication, what the recognition guards read."""

import datetime

import pytest

from ticms.applications.models import Application
from ticms.audit.models import Event
from ticms.errors import ServiceError
from ticms.notices import services
from ticms.notices.models import PublicNotice
from ticms.notices.selectors import notice_status_for
from ticms.workflow.core import WorkflowError

from .factories import at, draft_notice, ended_notice, published_notice, ready_application

pytestmark = pytest.mark.django_db


def test_notice_published_before_national_day_ends_after_the_holiday(bureau_officer):
    with at(datetime.date(2025, 9, 26)):
        notice = draft_notice(bureau_officer)
    assert notice.ends_on == datetime.date(2025, 10, 9)
    assert notice.period_zh == "公示时间：2025年9月26日至2025年10月9日"


def test_a_notice_starting_on_a_weekend_counts_from_the_next_working_day(bureau_officer):
    with at(datetime.date(2026, 3, 6)):
        notice = draft_notice(bureau_officer, starts_on=datetime.date(2026, 3, 7))  # Saturday
    assert notice.ends_on == datetime.date(2026, 3, 13)


def test_a_year_the_calendar_does_not_know_is_refused_naming_it(bureau_officer):
    with pytest.raises(ServiceError) as exc:
        draft_notice(bureau_officer, starts_on=datetime.date(2031, 5, 6))
    assert "2031" in str(exc.value.detail)
    assert not PublicNotice.objects.exists()


def test_publishing_puts_every_application_under_notice(bureau_officer):
    apps = [ready_application(), ready_application(field="储能")]
    notice = published_notice(bureau_officer, apps)
    assert notice.state == "published" and notice.published_by == bureau_officer
    assert set(Application.objects.filter(pk__in=[a.pk for a in apps]).values_list("state", flat=True)) == {
        "publicized"}
    assert Event.objects.filter(action="application.publicize").count() == 2
    assert Event.objects.filter(action="publicnotice.publish").count() == 1


def test_publishing_is_all_or_nothing(bureau_officer):
    good, bad = ready_application(), ready_application(field="储能")
    notice = draft_notice(bureau_officer, [good, bad])
    Application.objects.filter(pk=bad.pk).update(state="plan_revision")  # sent back meanwhile
    with pytest.raises(WorkflowError) as exc:
        services.publish_notice(actor=bureau_officer, notice=notice)
    assert exc.value.reasons[0].code == "item_not_ready"
    notice.refresh_from_db()
    good.refresh_from_db()
    assert notice.state == "draft" and notice.published_at is None
    assert good.state == "plan_submitted"


def test_a_failing_application_transition_rolls_the_notice_back(bureau_officer, monkeypatch):
    from ticms.applications import workflow as app_workflow

    good, other = ready_application(), ready_application(field="储能")
    notice = draft_notice(bureau_officer, [good, other])
    real_apply = app_workflow.APPLICATION_FLOW.apply

    def apply(user, record, name, **kw):
        if record.pk == other.pk:
            raise WorkflowError("invalid", [app_workflow.Reason("boom", "模拟失败", "9(4)")], 422)
        return real_apply(user, record, name, **kw)

    monkeypatch.setattr(app_workflow.APPLICATION_FLOW, "apply", apply)
    with pytest.raises(WorkflowError):
        services.publish_notice(actor=bureau_officer, notice=notice)
    notice.refresh_from_db()
    good.refresh_from_db()
    assert notice.state == "draft" and good.state == "plan_submitted"
    assert not Event.objects.filter(action="application.publicize").exists()


def test_only_applications_with_a_submitted_plan_can_be_put_on_a_notice(bureau_officer):
    from ..reviews.factories import application

    with pytest.raises(ServiceError) as exc:
        draft_notice(bureau_officer, [application(state="expert_review")])
    assert exc.value.error == "application_not_ready"
    assert not PublicNotice.objects.exists()


def test_proposed_defaults_from_the_panel_conclusion(bureau_officer):
    prep = ready_application(proposed_outcome="preparatory")
    rec = ready_application(proposed_outcome="recognize", field="储能")
    notice = draft_notice(bureau_officer, [prep, rec])
    assert {i.application_id: i.proposed for i in notice.items.all()} == {prep.pk: "preparatory",
                                                                          rec.pk: "recognize"}
    assert notice.items.get(application=prep).get_proposed_display() == "拟列为筹建"


def test_the_bureau_marks_an_item_while_the_notice_is_a_draft(bureau_officer):
    notice = draft_notice(bureau_officer)
    item = services.mark_item(actor=bureau_officer, item=notice.items.get(), proposed="preparatory")
    assert item.proposed == "preparatory"
    services.publish_notice(actor=bureau_officer, notice=notice)
    with pytest.raises(ServiceError):
        services.mark_item(actor=bureau_officer, item=item, proposed="recognize")


def test_item_names_follow_the_naming_rule(bureau_officer):
    notice = draft_notice(bureau_officer)
    assert notice.items.get().center_name == "朔州市碳基新材料技术创新中心"


def test_notice_status_is_none_until_published(bureau_officer):
    app = ready_application()
    assert notice_status_for(app) is None
    draft_notice(bureau_officer, [app])
    assert notice_status_for(app) is None


def test_notice_status_counts_open_and_sustained_objections(bureau_officer):
    app = ready_application()
    notice = published_notice(bureau_officer, [app])
    item = notice.items.get()
    kwargs = {"organisation": "某公司", "phone": "13800000000", "content": "数据不实"}
    first = services.raise_objection(item=item, name="张三", **kwargs)
    services.raise_objection(item=item, name="李四", **kwargs)
    services.raise_objection(item=item, name="王五", **kwargs)
    services.handle_objection(actor=bureau_officer, objection=first, sustained=True, handling="经核实属实")
    status = notice_status_for(app)
    assert status.published and not status.ended and status.notice == notice and status.item == item
    assert (status.open_objections, status.sustained_objections) == (2, 1)
    assert status.proposed == "recognize" and status.ends_on == notice.ends_on


def test_notice_status_says_ended_after_the_last_day(bureau_officer):
    app = ready_application()
    ended_notice(bureau_officer, [app])
    assert notice_status_for(app).ended


def test_recognition_waits_for_the_end_of_the_notice(bureau_officer):
    from ticms.applications.workflow import APPLICATION_FLOW

    app = ready_application()
    published_notice(bureau_officer, [app])
    app.refresh_from_db()
    names = {a.name: a for a in APPLICATION_FLOW.available(bureau_officer, app)}
    assert not names["recognize"].allowed
    assert "notice_running" in {r.code for r in names["recognize"].reasons}


def test_only_the_bureau_creates_notices(applicant):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        draft_notice(applicant)
