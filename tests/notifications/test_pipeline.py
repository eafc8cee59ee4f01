"""Workflow events become messages for the right people, delivered by the worker on the database queue."""

import pytest
from django.core import mail
from django.db import transaction

from ticms.applications import services as applications
from ticms.notifications.models import Delivery, Message, Preference

from ..applications.factories import submitted_application

# The worker closes its database connection between tasks, as in production: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def fire(user, app, name, comment=""):
    return applications.transition_application(actor=user, application=app, name=name, comment=comment)


def test_submitted_application_reaches_its_county_officer_only(
        applicant, organisation, county_officer, other_county_officer,
        work_queue):
    app = submitted_application(applicant, organisation)
    assert not Message.objects.exists()  # queued, not sent in the request
    work_queue()
    message = Message.objects.get()
    assert message.recipient == county_officer and message.kind == "application.submit"
    assert app.title in message.title and message.url == app.get_absolute_url()
    assert not Message.objects.filter(recipient__in=[other_county_officer, applicant]).exists()


def test_returned_application_tells_the_applicant_by_inbox_and_email_with_the_comment(
        applicant, organisation, county_officer, work_queue):
    applicant.email = "applicant@example.cn"
    applicant.save()
    app = submitted_application(applicant, organisation)
    fire(county_officer, app, "county_return", "请补充审计报告")
    work_queue()
    message = Message.objects.get(recipient=applicant)
    assert "退回修改" in message.title and "请补充审计报告" in message.body
    assert [m.to for m in mail.outbox] == [["applicant@example.cn"]]
    assert "请补充审计报告" in mail.outbox[0].body and app.get_absolute_url() in mail.outbox[0].body
    assert Delivery.objects.get(message=message, channel="email").status == "sent"


def test_rolled_back_step_tells_nobody(applicant, organisation, county_officer,
                                       work_queue):
    app = submitted_application(applicant, organisation)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            fire(county_officer, app, "county_recommend")
            raise RuntimeError("the rest of the request failed")
    work_queue()
    assert not Message.objects.filter(kind="application.county_recommend").exists()


def test_user_can_turn_email_off_for_a_kind_but_not_for_a_mandatory_one(
        applicant, organisation, county_officer, client, work_queue):
    applicant.email = "applicant@example.cn"
    applicant.save()
    client.force_login(applicant)
    # Nothing ticked: e-mail off for every kind the user may choose.
    assert client.post("/messages/settings/", {}).status_code == 302
    assert Preference.objects.filter(user=applicant, kind="application.county_recommend", channel="email",
                                     enabled=False).exists()
    first = submitted_application(applicant, organisation)
    second = submitted_application(applicant, organisation)
    fire(county_officer, first, "county_recommend")
    fire(county_officer, second, "county_return", "缺少附件")  # mandatory: a return must be answered
    work_queue()
    assert Message.objects.filter(recipient=applicant).count() == 2
    assert len(mail.outbox) == 1 and "退回修改" in mail.outbox[0].subject


def test_running_the_same_event_twice_sends_once(applicant, organisation, county_officer, work_queue):
    from ticms.audit.models import Event
    from ticms.notifications.events import notify

    submitted_application(applicant, organisation)
    seq = Event.objects.get(action="application.submit").seq
    notify(seq)
    notify(seq)
    assert Message.objects.filter(recipient=county_officer).count() == 1
