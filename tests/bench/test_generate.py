"""The benchmark generator, run at a tiny scale, so it cannot silently rot: the right amounts, every state, a chain
that verifies."""

import pytest
from bench.generate import Refused, counts, generate, sizes
from django.db.models import Count

from ticms.accounts.roles import Role
from ticms.applications.models import Application, State
from ticms.audit.models import ChainHead, Event
from ticms.audit.services import record, verify
from ticms.centers.models import Center, CenterStatus
from ticms.reviews.models import Expert

SCALE = 0.002

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    return generate(SCALE)


def test_the_sizes_asked_for_are_written(generated):
    want = sizes(SCALE)
    got = counts()
    for name in ("organisations", "centers", "applications", "experts", "objections", "outputs"):
        assert got[name] == want[name], name
    # The accounts' role grants are audited too, so the log holds at least the events asked for.
    assert got["events"] >= want["events"]


def test_every_application_state_and_center_status_is_present(generated):
    assert set(Application.objects.values_list("state", flat=True)) == set(State.values)
    assert set(Center.objects.values_list("status", flat=True)) == set(CenterStatus.values)


def test_each_center_has_one_recognising_application_and_most_applications_none(generated):
    per_center = Center.objects.annotate(n=Count("recognition_applications")).values_list("n", flat=True)
    assert set(per_center) == {1}
    tied = Application.objects.filter(center__isnull=False)
    assert set(tied.values_list("state", flat=True)) <= {State.RECOGNIZED, State.PREPARATORY}
    assert tied.count() < Application.objects.count() / 2


def test_experts_can_sign_in_as_experts(generated):
    for expert in Expert.objects.select_related("user"):
        assert expert.user is not None
        assert expert.user.memberships.filter(role=Role.EXPERT).exists()


def test_the_generated_audit_chain_verifies_and_takes_new_events(generated):
    result = verify()
    assert result.ok, result.problem
    assert result.count == Event.objects.count() == ChainHead.objects.get(pk=1).last_seq
    record("bench.after", data={"x": 1})  # the project's writer continues the bulk-written chain
    assert verify().ok


def test_a_database_with_data_is_refused(generated):
    with pytest.raises(Refused, match="not empty"):
        generate(SCALE)
