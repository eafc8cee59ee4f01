"""Panels only where the measures call for them, one active panel per subject, and a draw nobody can steer
(Art. 9(3), 16)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ticms.applications.models import Application
from ticms.audit.chain import sm3_hex
from ticms.audit.models import Event
from ticms.errors import ServiceError
from ticms.reviews import services
from ticms.reviews.models import Assignment, Panel

from .factories import FIELD, ExpertFactory, application, panel_for

pytestmark = pytest.mark.django_db


def _form(bureau, subject, **kwargs):
    return services.form_panel(actor=bureau, subject=subject, size=kwargs.pop("size", 2), field=FIELD,
                               excluded_org_ids=[subject.lead_unit_id], purpose="recognition", **kwargs)


@pytest.mark.parametrize("state", ["draft", "rejected", "recommended"])
def test_no_panel_is_drawn_for_an_application_outside_expert_review(bureau_officer, state):
    ExpertFactory.create_batch(3)
    subject = application(state=state)
    with pytest.raises(ServiceError) as exc:
        _form(bureau_officer, subject)
    assert exc.value.error == "subject_not_in_review" and exc.value.status == 409 and exc.value.article == "9(3)"
    assert "专家评审" in exc.value.detail and not Panel.objects.exists()


def test_the_api_refuses_a_panel_for_a_draft_with_409_and_article(client, bureau_officer):
    ExpertFactory.create_batch(3)
    draft = application(state="draft")
    client.force_login(bureau_officer)
    response = client.post("/api/v1/panels", {"subject_type": "application", "subject_id": draft.pk, "size": 2},
                           content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"] == "subject_not_in_review" and response.json()["article"] == "9(3)"


def test_the_page_refuses_a_panel_for_a_draft_in_chinese(client, bureau_officer):
    draft = application(state="draft")
    client.force_login(bureau_officer)
    response = client.get(f"/reviews/panels/new/application/{draft.pk}/", follow=True)
    assert "不能抽取专家组" in response.content.decode() and "第九条第（三）项" in response.content.decode()
    assert not Panel.objects.exists()


def test_the_panel_form_has_no_seed_field(client, bureau_officer, subject):
    client.force_login(bureau_officer)
    page = client.get(f"/reviews/panels/new/application/{subject.pk}/").content.decode()
    assert 'name="seed"' not in page and 'name="redraw_reason"' in page


def test_a_second_draw_needs_a_reason(bureau_officer, subject):
    ExpertFactory.create_batch(4)
    _form(bureau_officer, subject)
    with pytest.raises(ServiceError) as exc:
        _form(bureau_officer, subject)
    assert exc.value.error == "panel_exists" and exc.value.status == 409
    assert Panel.objects.count() == 1


def test_a_redraw_closes_the_previous_panel_withdraws_its_experts_and_is_counted(client, bureau_officer, subject):
    ExpertFactory.create_batch(4)
    first = _form(bureau_officer, subject)
    declared = first.assignments.select_related("expert__user").first()
    services.declare(actor=declared.expert.user, assignment=declared, no_conflict=True)
    second = _form(bureau_officer, subject, redraw_reason="原定专家无法按期实地考察")
    first.refresh_from_db()
    assert first.closed_at is not None and second.closed_at is None and second.draw_number == 2
    assert not Assignment.objects.filter(panel=first, active=True).exists()
    close = Event.objects.get(action="panel.close")
    assert close.data["reason"] == "原定专家无法按期实地考察" and set(close.data["withdrawn_assignments"]) == set(
        first.assignments.values_list("pk", flat=True))
    # The expert who declared on the closed panel no longer sees the application.
    assert not Application.objects.visible_to(declared.expert.user).filter(pk=subject.pk).exists()

    client.force_login(bureau_officer)
    body = client.get(f"/api/v1/panels/{second.pk}").json()
    assert body["draw_number"] == 2 and body["redraw_reason"] == "原定专家无法按期实地考察"
    assert [p["id"] for p in body["previous_panels"]] == [first.pk] and body["active"] is True
    page = client.get(f"/reviews/panels/{second.pk}/").content.decode()
    assert "第 2 次抽取" in page and "原定专家无法按期实地考察" in page


def test_excluding_an_expert_by_hand_needs_a_reason_and_is_audited_and_shown(client, bureau_officer, subject):
    experts = ExpertFactory.create_batch(3)
    with pytest.raises(ServiceError) as exc:
        _form(bureau_officer, subject, excluded_experts={experts[0].pk: " "})
    assert exc.value.error == "exclusion_reason_required" and not Panel.objects.exists()
    panel = _form(bureau_officer, subject, excluded_experts={experts[0].pk: "近期与牵头单位有项目合作"})
    assert experts[0].pk not in panel.candidate_ids
    assert experts[0].pk not in set(panel.assignments.values_list("expert_id", flat=True))
    event = Event.objects.get(action="panel.draw")
    assert event.data["excluded_experts"] == [
        {"expert_id": experts[0].pk, "name": experts[0].name, "reason": "近期与牵头单位有项目合作"}]
    client.force_login(bureau_officer)
    assert "近期与牵头单位有项目合作" in client.get(f"/reviews/panels/{panel.pk}/").content.decode()


def test_the_seed_candidates_and_digest_are_audited_before_the_result(bureau_officer, subject):
    ExpertFactory.create_batch(5)
    panel = _form(bureau_officer, subject, size=3)
    draw = Event.objects.get(action="panel.draw")
    form = Event.objects.get(action="panel.form")
    assert draw.seq < form.seq and "drawn_ids" not in draw.data
    assert draw.data["seed"] == panel.seed and draw.data["candidate_ids"] == sorted(draw.data["candidate_ids"])
    assert draw.data["candidates_sm3"] == sm3_hex(",".join(map(str, draw.data["candidate_ids"])).encode())


def test_two_draws_get_different_system_seeds(bureau_officer):
    ExpertFactory.create_batch(3)
    seeds = {_form(bureau_officer, application()).seed for _ in range(3)}
    assert len(seeds) == 3


def test_redraw_check_fails_when_the_panel_no_longer_matches_the_audit_event(bureau_officer, subject, capsys):
    others = ExpertFactory.create_batch(4)
    panel = _form(bureau_officer, subject, size=2)
    call_command("reviews", "redraw-check", str(panel.pk))
    assert "核验一致" in capsys.readouterr().out
    outsider = next(e for e in others if e.pk not in panel.assignments.values_list("expert_id", flat=True))
    Assignment.objects.filter(pk=panel.assignments.first().pk).update(expert=outsider)
    with pytest.raises(CommandError):
        call_command("reviews", "redraw-check", str(panel.pk))


def test_the_panel_page_explains_verification_in_plain_chinese(client, bureau_officer, subject):
    ExpertFactory.create_batch(3)
    panel = panel_for(bureau_officer, subject, size=2, experts=[])
    client.force_login(bureau_officer)
    page = client.get(f"/reviews/panels/{panel.pk}/").content.decode()
    assert "随机种子由系统自动生成" in page and "<summary>核验方法</summary>" in page
    assert "用 Python 复核" not in page and "import random" not in page
