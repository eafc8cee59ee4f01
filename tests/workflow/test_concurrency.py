"""Two simultaneous clicks on the same transition apply once (row lock on PostgreSQL, IMMEDIATE on SQLite)."""

import threading

import pytest
from django.db import connection, connections

from tests.example_flow.models import Request
from tests.example_flow.workflow import FLOW
from ticms.audit.models import Event
from ticms.audit.services import verify
from ticms.workflow.core import WorkflowError


@pytest.mark.django_db(transaction=True)
def test_double_transition_applies_once(organisation, bureau_officer):
    req = Request.objects.create(organisation=organisation)
    Request.objects.filter(pk=req.pk).update(state="submitted")
    stale = Request.objects.get(pk=req.pk)
    barrier = threading.Barrier(2)
    outcomes = []

    def click():
        try:
            barrier.wait()
            FLOW.apply(bureau_officer, stale, "approve")
            outcomes.append("applied")
        except WorkflowError as exc:
            outcomes.append(exc.status)
        except Exception as exc:  # anything else is a failure of the lock, reported by the assert
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert sorted(outcomes, key=str) == [409, "applied"]
    fresh = Request.objects.get(pk=req.pk)
    assert fresh.state == "approved" and fresh.approvals == 1
    assert Event.objects.filter(action="request.approve").count() == 1
    assert verify().ok, connection.vendor
