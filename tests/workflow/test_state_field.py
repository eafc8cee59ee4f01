"""A state changes only through a step of its workflow (ticms.workflow.fields.StateField)."""

import re
from pathlib import Path

import pytest

from tests.example_flow.models import Request
from tests.example_flow.workflow import FLOW
from ticms.workflow.core import Step, Workflow

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "ticms"


def test_assigning_a_state_outside_a_step_raises(organisation):
    req = Request.objects.create(organisation=organisation)
    with pytest.raises(AttributeError, match="only through a step"):
        req.state = "approved"
    req.refresh_from_db()
    assert req.state == "draft"


def test_a_step_changes_the_state_and_a_reload_sees_it(organisation, applicant):
    req = Request.objects.create(organisation=organisation)
    stale = Request.objects.get(pk=req.pk)
    FLOW.apply(applicant, req, "submit")
    stale.refresh_from_db()
    assert stale.state == "submitted"


def test_a_record_may_be_created_in_any_state(organisation):
    assert Request.objects.create(organisation=organisation, state="submitted").state == "submitted"


def test_a_step_with_an_unknown_state_is_reported():
    flow = Workflow("example_flow.Request", [Step("x", "bureau_officer", "X", source="draft", target="nowhere")],
                    field_name="state")
    try:
        assert "step 'x': unknown state 'nowhere'" in flow.check_complete()
    finally:
        from ticms.workflow.core import REGISTRY

        REGISTRY["example_flow.Request.state"] = FLOW


def test_no_code_moves_a_state_with_a_queryset_update():
    pattern = re.compile(r"\.update\([^)]*\b(state|status|declaration)\s*=")
    offenders = [f"{p.relative_to(SRC)}:{n}" for p in SRC.rglob("*.py") if "migrations" not in p.parts
                 for n, line in enumerate(p.read_text().splitlines(), 1) if pattern.search(line)]
    assert offenders == []
