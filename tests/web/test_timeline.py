import pytest
from django.template.loader import render_to_string

from tests.example_flow.models import Request
from tests.example_flow.workflow import FLOW
from ticms.audit.services import record, timeline
from ticms.web.labels import action_label

pytestmark = pytest.mark.django_db


def test_timeline_names_transitions_by_their_step_label(organisation, bureau_officer):
    req = Request.objects.create(organisation=organisation)
    Request.objects.filter(pk=req.pk).update(state="submitted")
    FLOW.apply(bureau_officer, Request.objects.get(pk=req.pk), "reject", comment="材料不全")
    html = render_to_string("web/includes/timeline.html", {"events": list(timeline(req))})
    assert "不予通过" in html and "材料不全" in html
    assert 'title="request.reject"' in html  # the code stays available to whoever needs it


def test_known_non_transition_actions_have_chinese_labels_and_unknown_ones_show_their_code(bureau_officer):
    assert action_label("application.attachment_add") == "上传附件"
    assert action_label("something.new") == "something.new"
    event = record("call.publish", actor=bureau_officer)
    assert "发布建设通知" in render_to_string("web/includes/timeline.html", {"events": [event]})


def test_timeline_names_both_states_in_chinese_even_those_outside_the_shared_table(bureau_officer):
    """A notice's "published" is not in web/labels.STATE_LABELS: its workflow's state field names it."""
    event = record("publicnotice.publish", actor=bureau_officer, data={"from": "draft", "to": "published"})
    html = render_to_string("web/includes/timeline.html", {"events": [event]})
    assert "草稿 → 已发布" in html and "published" not in html.replace('title="publicnotice.publish"', "")
