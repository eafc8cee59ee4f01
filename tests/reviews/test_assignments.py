"""Declarations, recusal and replacement (回避, Art. 9(3))."""

import pytest

from ticms.audit.models import Event
from ticms.errors import ServiceError
from ticms.reviews import services
from ticms.reviews.models import PanelDraw
from ticms.workflow.core import WorkflowError

from .factories import expert_with_account, panel_for

pytestmark = pytest.mark.django_db


def test_expert_declares_no_conflict(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.get()
    a = services.declare(actor=a.expert.user, assignment=a, no_conflict=True)
    assert a.declaration == "no_conflict" and a.declared_at is not None
    assert Event.objects.filter(action="assignment.declare_no_conflict").exists()


def test_recusal_needs_a_reason(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.get()
    with pytest.raises(WorkflowError) as exc:
        services.declare(actor=a.expert.user, assignment=a, no_conflict=False, reason="  ")
    assert exc.value.reasons[0].code == "comment_required"
    a = services.declare(actor=a.expert.user, assignment=a, no_conflict=False, reason="曾在该单位任职")
    assert a.declaration == "recused" and a.recusal_reason == "曾在该单位任职"


def test_another_expert_cannot_declare_for_the_assignment(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    other = expert_with_account()
    with pytest.raises(WorkflowError) as exc:
        services.declare(actor=other.user, assignment=panel.assignments.get(), no_conflict=True)
    assert exc.value.reasons[0].code == "not_your_record"


def test_declaring_twice_is_refused_as_a_conflict(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.get()
    services.declare(actor=a.expert.user, assignment=a, no_conflict=True)
    with pytest.raises(WorkflowError) as exc:
        services.declare(actor=a.expert.user, assignment=a, no_conflict=False, reason="x")
    assert exc.value.status == 409


def test_recused_expert_is_replaced_from_the_remaining_candidates_with_a_derived_seed(bureau_officer, subject):
    experts = [expert_with_account() for _ in range(5)]
    panel = panel_for(bureau_officer, subject, size=3, experts=experts)
    a = panel.assignments.first()
    services.declare(actor=a.expert.user, assignment=a, no_conflict=False, reason="合作发表论文")
    new = services.replace_expert(actor=bureau_officer, assignment=a)
    a.refresh_from_db()
    assert not a.active and a.replaced_by == new
    on_panel_before = set(panel.draws.get(kind="initial").drawn_ids)
    assert new.expert_id not in on_panel_before
    draw = PanelDraw.objects.get(panel=panel, kind="replacement")
    assert draw.seed == panel.seed + 1 and draw.drawn_ids == [new.expert_id]
    assert Event.objects.get(action="assignment.replace").data["new_expert"] == new.expert_id


def test_replacing_an_expert_who_did_not_recuse_is_refused(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    with pytest.raises(ServiceError) as exc:
        services.replace_expert(actor=bureau_officer, assignment=panel.assignments.get())
    assert exc.value.error == "not_recused"


def test_replacement_without_remaining_candidates_is_refused(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=2)
    a = panel.assignments.first()
    services.declare(actor=a.expert.user, assignment=a, no_conflict=False, reason="亲属关系")
    with pytest.raises(ServiceError) as exc:
        services.replace_expert(actor=bureau_officer, assignment=a)
    assert exc.value.error == "shortfall"
    a.refresh_from_db()
    assert a.active


def test_replacing_twice_is_refused(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=2, experts=[expert_with_account() for _ in range(4)])
    a = panel.assignments.first()
    services.declare(actor=a.expert.user, assignment=a, no_conflict=False, reason="亲属关系")
    services.replace_expert(actor=bureau_officer, assignment=a)
    with pytest.raises(ServiceError) as exc:
        services.replace_expert(actor=bureau_officer, assignment=a)
    assert exc.value.error == "already_replaced"
