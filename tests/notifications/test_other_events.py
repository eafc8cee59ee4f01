"""Events outside the workflow tables go through the same pipeline: a panel drawn, an objection raised."""

import pytest

from ticms.notices import services as notices
from ticms.notifications.models import Message

from ..notices.factories import published_notice
from ..reviews.factories import application, panel_for

pytestmark = pytest.mark.django_db


def test_drawn_experts_are_told_with_the_deadline(bureau_officer, organisation, django_capture_on_commit_callbacks,
                                                  settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        panel = panel_for(bureau_officer, application(organisation))
    experts = {a.expert.user_id for a in panel.assignments.all()}
    messages = Message.objects.filter(kind="panel.form")
    assert {m.recipient_id for m in messages} == experts and len(experts) == 3
    assert all("意见提交截止" in m.body and m.url == "/reviews/mine/" for m in messages)
    assert not Message.objects.filter(recipient=bureau_officer).exists()


def test_objection_is_told_to_the_bureau(bureau_officer, frozen_today, django_capture_on_commit_callbacks, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    notice = published_notice(bureau_officer)
    with django_capture_on_commit_callbacks(execute=True):
        notices.raise_objection(item=notice.items.get(), name="王五", organisation="某公司", phone="13900000000",
                                content="申报材料中的研发投入与实际不符。")
    message = Message.objects.get(recipient=bureau_officer, kind="objection.raise")
    assert "公示期间收到异议" in message.title and "13900000000" not in message.body
