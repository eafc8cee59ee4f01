"""Two simultaneous conclusions of one evaluation: one applies, the other is refused (row lock)."""

import threading

import pytest
from django.db import connections

from ticms.audit.models import Event
from ticms.audit.services import verify
from ticms.centers.models import Center, CenterStatusChange
from ticms.evaluations import services
from ticms.evaluations.models import Evaluation
from ticms.workflow.core import WorkflowError

from .factories import to_scoring


@pytest.mark.django_db(transaction=True)
def test_double_conclusion_applies_once(applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0", "0", "0"))
    barrier = threading.Barrier(2)
    outcomes = []

    def click():
        try:
            barrier.wait()
            services.conclude(actor=bureau_officer, evaluation=ev, outcome="revoke", comment="撤销")
            outcomes.append("applied")
        except WorkflowError as exc:
            outcomes.append(exc.status)
        except Exception as exc:  # reported by the assert below
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes, key=str) == [409, "applied"]
    assert Evaluation.objects.get(pk=ev.pk).outcome == "revoke"
    assert Center.objects.get(pk=ev.center_id).status == "revoked"
    assert CenterStatusChange.objects.filter(center_id=ev.center_id, to_status="revoked").count() == 1
    assert Event.objects.filter(action="evaluation.conclude_revoke").count() == 1
    assert verify().ok
