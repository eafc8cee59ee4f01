"""The notice period is real (Art. 9(4)): a notice starts on the day it is published or later, never earlier, and
recognition waits for the end of the period it really ran. The clock moves; no notice is backdated."""

import datetime

import pytest

from ticms.applications.services import transition_application
from ticms.audit.models import Event
from ticms.errors import ServiceError
from ticms.notices import services
from ticms.notices.models import PublicNotice
from ticms.policy.calendar import period_end
from ticms.workflow.core import WorkflowError

from .factories import at, draft_notice, ready_application

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_a_notice_starting_yesterday_is_refused(bureau_officer, frozen_today):
    with pytest.raises(ServiceError) as exc:
        draft_notice(bureau_officer, starts_on=frozen_today - DAY)
    assert exc.value.error == "start_in_past" and exc.value.field == "starts_on"
    assert "不能早于今天" in exc.value.detail
    assert not PublicNotice.objects.exists()


def test_the_page_refuses_a_past_start_next_to_the_field(client, bureau_officer, frozen_today):
    app = ready_application()
    client.force_login(bureau_officer)
    response = client.post("/notices/new/", {
        "title": "关于拟认定的公示", "starts_on": (frozen_today - DAY).isoformat(), "contact_phone": "0349-1234567",
        f"include_{app.pk}": "on", f"proposed_{app.pk}": "recognize"})
    page = response.content.decode()
    assert response.status_code == 200 and not PublicNotice.objects.exists()
    field = page.index('id="id_starts_on"')
    error = page.index("公示开始日期不能早于今天")
    assert field < error < page.index('id="id_contact_phone"')


def test_the_api_refuses_a_past_start_with_422(client, bureau_officer, frozen_today):
    app = ready_application()
    client.force_login(bureau_officer)
    response = client.post("/api/v1/notices", {"title": "公示", "application_ids": [app.pk],
                                               "contact_phone": "0349-1", "starts_on": "2026-06-12"},
                           content_type="application/json")
    assert response.status_code == 422 and response.json()["error"] == "start_in_past"
    assert not PublicNotice.objects.exists()


def test_publishing_after_the_planned_start_moves_the_period_and_recognition_waits_for_it(bureau_officer,
                                                                                            frozen_today):
    app = ready_application()
    notice = draft_notice(bureau_officer, [app])  # planned to start today, Monday 15 June 2026
    planned_end = notice.ends_on
    published_on = frozen_today + 2 * DAY
    with at(published_on):
        notice = services.publish_notice(actor=bureau_officer, notice=notice)
    real_end = period_end(published_on)
    assert notice.starts_on == published_on and notice.ends_on == real_end > planned_end
    event = Event.objects.get(action="publicnotice.publish")
    assert event.data["planned_starts_on"] == "2026-06-15" and event.data["starts_on"] == published_on.isoformat()
    app.refresh_from_db()
    # The day after the planned period would have ended, the real one still runs.
    with at(planned_end + DAY), pytest.raises(WorkflowError) as exc:
        transition_application(actor=bureau_officer, application=app, name="recognize")
    assert [r.code for r in exc.value.reasons] == ["notice_running"]
    with at(real_end + DAY):
        assert transition_application(actor=bureau_officer, application=app, name="recognize").state == "recognized"


def test_the_page_says_the_start_moved_and_shows_the_real_period(client, bureau_officer, frozen_today):
    notice = draft_notice(bureau_officer)
    published_on = frozen_today + DAY
    with at(published_on):
        client.force_login(bureau_officer)  # a day later: a new session
        response = client.post(f"/notices/{notice.pk}/transitions/publish/", {"expected_state": "draft"},
                               follow=True)
    page = response.content.decode()
    notice.refresh_from_db()
    assert notice.starts_on == published_on
    assert "原定开始日期（2026年6月15日）已过" in page
    assert "公示时间：2026年6月16日至" in page and notice.period_zh in page


def test_the_api_publishes_with_the_real_period(client, bureau_officer, frozen_today):
    notice = draft_notice(bureau_officer)
    with at(frozen_today + DAY):
        client.force_login(bureau_officer)
        body = client.post(f"/api/v1/notices/{notice.pk}/publish", {}, content_type="application/json").json()
    assert body["starts_on"] == "2026-06-16" and body["ends_on"] == period_end(frozen_today + DAY).isoformat()
