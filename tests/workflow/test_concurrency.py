"""Two simultaneous clicks on the same transition apply once (row lock on PostgreSQL, IMMEDIATE on SQLite)."""

import pytest
from django.db import connection

from tests.clicks import click_twice_at_once
from tests.example_flow.models import Request
from tests.example_flow.workflow import FLOW
from ticms.audit.models import Event
from ticms.audit.services import verify


@pytest.mark.django_db(transaction=True)
def test_double_transition_applies_once(organisation, bureau_officer):
    req = Request.objects.create(organisation=organisation)
    Request.objects.filter(pk=req.pk).update(state="submitted")
    stale = Request.objects.get(pk=req.pk)
    outcomes = click_twice_at_once(lambda: FLOW.apply(bureau_officer, stale, "approve"))

    assert outcomes == [409, "applied"]
    fresh = Request.objects.get(pk=req.pk)
    assert fresh.state == "approved" and fresh.approvals == 1
    assert Event.objects.filter(action="request.approve").count() == 1
    assert verify().ok, connection.vendor
