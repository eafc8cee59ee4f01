"""Two simultaneous conclusions of one evaluation: one applies, the other is refused (row lock)."""

import pytest

from tests.clicks import click_twice_at_once
from ticms.audit.models import Event
from ticms.audit.services import verify
from ticms.centers.models import Center, CenterStatusChange
from ticms.evaluations import services
from ticms.evaluations.models import Evaluation

from .factories import to_scoring


@pytest.mark.django_db(transaction=True)
def test_double_conclusion_applies_once(applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0", "0", "0"))
    outcomes = click_twice_at_once(
        lambda: services.conclude(actor=bureau_officer, evaluation=ev, outcome="revoke", comment="撤销"))
    assert outcomes == [409, "applied"]
    assert Evaluation.objects.get(pk=ev.pk).outcome == "revoke"
    assert Center.objects.get(pk=ev.center_id).status == "revoked"
    assert CenterStatusChange.objects.filter(center_id=ev.center_id, to_status="revoked").count() == 1
    assert Event.objects.filter(action="evaluation.conclude_revoke").count() == 1
    assert verify().ok
