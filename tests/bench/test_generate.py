"""The benchmark generator, run at a tiny scale, so it cannot silently rot: the right amounts, every state, a chain
that verifies. (Two tests, one generation each: generating is most of the time.)"""

import pytest
from bench.generate import Refused, counts, generate, sizes
from django.db.models import Count

from ticms.accounts.roles import Role
from ticms.applications.models import Application, State
from ticms.audit.models import ChainHead, Event
from ticms.audit.services import record, verify
from ticms.centers.models import Center, CenterStatus, due_fields
from ticms.reviews.models import Declaration, Expert, Opinion, Panel

SCALE = 0.002

pytestmark = pytest.mark.django_db


def test_the_generator_writes_a_registry_of_the_asked_size_and_shape():
    generate(SCALE)

    want, got = sizes(SCALE), counts()
    for name in ("organisations", "centers", "applications", "experts", "objections", "outputs"):
        assert got[name] == want[name], name
    # The accounts' role grants are audited too, so the log holds at least the events asked for.
    assert got["events"] >= want["events"]
    assert set(Application.objects.values_list("state", flat=True)) == set(State.values)
    assert set(Center.objects.values_list("status", flat=True)) == set(CenterStatus.values)
    # Bulk rows carry the evaluation schedule Center.save() would have set (the due lists read only that).
    assert all((c.due_cohort, c.due_month, c.due_day) == tuple(due_fields(c.status, c.recognized_on).values())
               for c in Center.objects.all())
    # One recognising application per center; most applications are tied to none.
    assert set(Center.objects.annotate(n=Count("recognition_applications")).values_list("n", flat=True)) == {1}
    tied = Application.objects.filter(center__isnull=False)
    assert set(tied.values_list("state", flat=True)) <= {State.RECOGNIZED, State.PREPARATORY}
    assert tied.count() < Application.objects.count() / 2
    for expert in Expert.objects.select_related("user"):
        assert expert.user.memberships.filter(role=Role.EXPERT).exists()
    _assert_reviews_stand_where_the_services_leave_them()


def _assert_reviews_stand_where_the_services_leave_them():
    """Applications past expert review have a completed panel (every expert declared and scored); only those in
    review wait for a panel or for opinions, so the bureau's to-dos read what a real bureau would see."""
    panels = {p.object_id: p for p in Panel.objects.prefetch_related("assignments__opinion")}
    states = dict(Application.objects.values_list("pk", "state"))
    past = {State.PLAN_REVISION, State.PLAN_SUBMITTED, State.PUBLICIZED, State.RECOGNIZED, State.PREPARATORY}
    assert {pk for pk, s in states.items() if s in past} <= set(panels)
    assert {states[pk] for pk in panels} <= past | {State.EXPERT_REVIEW, State.REJECTED}
    waiting = 0
    for pk, panel in panels.items():
        assert panel.closed_at is None
        missing = [a for a in panel.assignments.all() if not hasattr(a, "opinion")]
        assert panel.awaiting_opinions == len(missing)
        if states[pk] == State.EXPERT_REVIEW:
            waiting += bool(missing)
        else:
            assert not missing and {a.declaration for a in panel.assignments.all()} == {Declaration.NO_CONFLICT}
    assert waiting, "some panels in review still wait for opinions"
    assert Opinion.objects.exists()


def test_the_generated_chain_verifies_takes_new_events_and_a_second_run_is_refused():
    generate(SCALE)

    result = verify()
    assert result.ok, result.problem
    assert result.count == Event.objects.count() == ChainHead.objects.get(pk=1).last_seq
    record("bench.after", data={"x": 1})  # the project's own writer continues the bulk-written chain
    assert verify().ok
    with pytest.raises(Refused, match="not empty"):
        generate(SCALE)
