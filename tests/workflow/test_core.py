import pytest

from tests.example_flow.models import Request
from tests.example_flow.workflow import FLOW
from ticms.audit.models import Event
from ticms.workflow.core import WorkflowError

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(organisation):
    req = Request.objects.create(organisation=organisation, amount=50)
    Request.objects.filter(pk=req.pk).update(state="submitted")
    req.refresh_from_db()
    return req


def test_table_and_fsm_agree():
    assert FLOW.check_complete() == []
    rows = {r["name"]: r for r in FLOW.table()}
    assert rows["approve"]["sources"] == ["submitted"] and rows["approve"]["target"] == "approved"


def test_role_refused_with_reason(submitted, applicant):
    with pytest.raises(WorkflowError) as exc:
        FLOW.apply(applicant, submitted, "approve")
    assert exc.value.status == 403
    assert exc.value.reasons[0].code == "role"
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


def test_guard_refused_with_article(submitted, bureau_officer):
    Request.objects.filter(pk=submitted.pk).update(amount=500)
    submitted.refresh_from_db()
    with pytest.raises(WorkflowError) as exc:
        FLOW.apply(bureau_officer, submitted, "approve")
    assert exc.value.status == 422
    assert exc.value.reasons[0].article == "8(3)"
    assert "（第八条第（三）项）" in str(exc.value.reasons[0])


def test_comment_required(submitted, bureau_officer):
    with pytest.raises(WorkflowError) as exc:
        FLOW.apply(bureau_officer, submitted, "reject", comment="  ")
    assert exc.value.reasons[0].code == "comment_required"
    done = FLOW.apply(bureau_officer, submitted, "reject", comment="材料不全")
    assert done.state == "rejected"


def test_apply_runs_effect_and_writes_audit_event(submitted, bureau_officer):
    done = FLOW.apply(bureau_officer, submitted, "approve", comment="同意", ip="10.0.0.1")
    assert done.state == "approved" and done.approvals == 1
    event = Event.objects.filter(action="request.approve").get()
    assert event.actor == bureau_officer and event.role == "bureau_officer"
    assert event.data["from"] == "submitted" and event.data["to"] == "approved"
    assert event.data["comment"] == "同意" and event.ip == "10.0.0.1"


def test_second_apply_on_same_state_is_conflict(submitted, bureau_officer):
    FLOW.apply(bureau_officer, submitted, "approve")
    with pytest.raises(WorkflowError) as exc:
        FLOW.apply(bureau_officer, submitted, "approve")  # stale object, as from a second click
    assert exc.value.status == 409
    assert Request.objects.get(pk=submitted.pk).approvals == 1


def test_expected_state_mismatch_is_conflict(submitted, bureau_officer):
    with pytest.raises(WorkflowError) as exc:
        FLOW.apply(bureau_officer, submitted, "approve", expected_state="draft")
    assert exc.value.reasons[0].code == "stale"


def test_available_lists_allowed_and_refused_with_reasons(submitted, bureau_officer, applicant):
    Request.objects.filter(pk=submitted.pk).update(amount=500)
    submitted.refresh_from_db()
    by_name = {a.name: a for a in FLOW.available(bureau_officer, submitted)}
    assert set(by_name) == {"approve", "reject"}
    assert by_name["approve"].allowed is False and by_name["approve"].reasons[0].code == "amount_limit"
    assert by_name["reject"].allowed is True
    assert all(not a.allowed for a in FLOW.available(applicant, submitted))


def test_state_field_cannot_be_set_directly(submitted):
    with pytest.raises(AttributeError):
        submitted.state = "approved"


def test_failed_effect_rolls_back_state_and_audit(submitted, bureau_officer, monkeypatch):
    def boom(record, ctx):
        raise RuntimeError("effect failed")

    step = FLOW.steps["approve"]
    monkeypatch.setitem(FLOW.steps, "approve", type(step)(**{**step.__dict__, "effect": boom}))
    with pytest.raises(RuntimeError):
        FLOW.apply(bureau_officer, submitted, "approve")
    assert Request.objects.get(pk=submitted.pk).state == "submitted"
    assert not Event.objects.filter(action="request.approve").exists()
