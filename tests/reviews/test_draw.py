"""The random draw: reproducible from its seed, never drawing an expert tied to the subject (Art. 9(3))."""

from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from ticms.audit.models import Event
from ticms.errors import ServiceError
from ticms.reviews import draw as drawing
from ticms.reviews import services
from ticms.reviews.models import Panel, PanelDraw
from ticms.reviews.selectors import redraw_check

from ..factories import OrganisationFactory
from .factories import FIELD, ExpertFactory, application

# --- the pure algorithm, as a property ---------------------------------------------------------------


class _Ties:
    def __init__(self, ids):
        self._objs = [SimpleNamespace(pk=i) for i in ids]

    def all(self):
        return self._objs


expert_st = st.builds(
    lambda pk, org, ties, active, in_field: SimpleNamespace(
        pk=pk, organisation_id=org, declared_ties=_Ties(ties), active=active,
        fields=[FIELD] if in_field else ["储能"]),
    pk=st.integers(1, 10_000), org=st.one_of(st.none(), st.integers(1, 12)),
    ties=st.lists(st.integers(1, 12), max_size=3), active=st.booleans(), in_field=st.booleans(),
)


@given(
    experts=st.lists(expert_st, max_size=40, unique_by=lambda e: e.pk),
    excluded=st.sets(st.integers(1, 12), max_size=4),
    seed=st.integers(0, 2**48),
    size=st.integers(1, 8),
)
def test_no_drawn_expert_is_excluded_and_the_same_seed_gives_the_same_panel(experts, excluded, seed, size):
    candidates = drawing.eligible_ids(experts, FIELD, excluded)
    by_id = {e.pk: e for e in experts}
    for pk in candidates:
        e = by_id[pk]
        assert e.active and FIELD in e.fields
        assert e.organisation_id not in excluded
        assert not ({t.pk for t in e.declared_ties.all()} & excluded)
    if len(candidates) < size:
        return
    first = drawing.draw(seed, candidates, size)
    assert first == drawing.draw(seed, list(reversed(candidates)), size)  # order of input does not matter
    assert len(set(first)) == size and set(first) <= set(candidates)


# --- forming a panel -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_form_panel_leaves_out_experts_of_lead_host_partner_units_and_declared_ties(bureau_officer, organisation):
    host, partner = OrganisationFactory(), OrganisationFactory()
    subject = application(organisation, host_unit=host, partners=[partner])
    tied = [ExpertFactory(organisation=organisation), ExpertFactory(organisation=host),
            ExpertFactory(organisation=partner), ExpertFactory(declared_ties=[partner]),
            ExpertFactory(active=False), ExpertFactory(fields=["储能"])]
    free = [ExpertFactory() for _ in range(3)]
    panel = services.form_panel(actor=bureau_officer, subject=subject, size=3, field=FIELD,
                                excluded_org_ids=[organisation.pk, host.pk, partner.pk], purpose="recognition")
    drawn = set(panel.assignments.values_list("expert_id", flat=True))
    assert drawn == {e.pk for e in free}
    assert not drawn & {e.pk for e in tied}
    assert panel.candidate_ids == sorted(e.pk for e in free)


@pytest.mark.django_db
def test_fewer_eligible_experts_than_needed_is_refused_naming_the_shortfall(bureau_officer, subject):
    ExpertFactory.create_batch(2)
    with pytest.raises(ServiceError) as exc:
        services.form_panel(actor=bureau_officer, subject=subject, size=5, field=FIELD,
                            excluded_org_ids=[subject.lead_unit_id], purpose="recognition")
    assert exc.value.error == "shortfall"
    assert "只有 2 名" in str(exc.value.detail) and "还差 3 名" in str(exc.value.detail)
    assert not Panel.objects.exists()


@pytest.mark.django_db
def test_form_panel_records_seed_candidates_and_an_audit_event(bureau_officer, subject):
    ExpertFactory.create_batch(4)
    panel = services.form_panel(actor=bureau_officer, subject=subject, size=3, field=FIELD, excluded_org_ids=[],
                                purpose="recognition")
    event = Event.objects.get(action="panel.form")
    assert event.data["seed"] == panel.seed and event.data["candidate_ids"] == panel.candidate_ids
    assert PanelDraw.objects.get(panel=panel).kind == "initial"


@pytest.mark.django_db
def test_redraw_check_confirms_a_recorded_draw_and_detects_tampering(bureau_officer, subject):
    ExpertFactory.create_batch(6)
    panel = services.form_panel(actor=bureau_officer, subject=subject, size=3, field=FIELD, excluded_org_ids=[],
                                purpose="recognition")
    assert redraw_check(panel).ok
    PanelDraw.objects.filter(panel=panel).update(seed=panel.seed + 1)
    assert not redraw_check(panel).ok


@pytest.mark.django_db
def test_redraw_check_command_reports_consistency(bureau_officer, subject, capsys):
    ExpertFactory.create_batch(4)
    panel = services.form_panel(actor=bureau_officer, subject=subject, size=2, field=FIELD, excluded_org_ids=[],
                                purpose="recognition")
    call_command("reviews", "redraw-check", str(panel.pk))
    assert "核验一致" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("reviews", "redraw-check", "999999")


@pytest.mark.django_db
@pytest.mark.parametrize("size", [0, -1, 31, 10**30, "3", True])
def test_form_panel_refuses_bad_sizes(bureau_officer, subject, size):
    ExpertFactory.create_batch(3)
    with pytest.raises(ServiceError) as exc:
        services.form_panel(actor=bureau_officer, subject=subject, size=size, field=FIELD, excluded_org_ids=[],
                            purpose="recognition")
    assert exc.value.error == "invalid_size"


@pytest.mark.django_db
def test_only_the_bureau_forms_panels(applicant, subject):
    from django.core.exceptions import PermissionDenied

    ExpertFactory.create_batch(3)
    with pytest.raises(PermissionDenied):
        services.form_panel(actor=applicant, subject=subject, size=1, field=FIELD, excluded_org_ids=[],
                            purpose="recognition")


@pytest.mark.django_db
def test_experts_without_an_account_are_not_drawn_and_the_shortfall_says_so(bureau_officer, subject):
    """A drawn expert must declare and score in the system; one without an account would leave the panel stuck."""
    with_account = ExpertFactory.create_batch(2)
    ExpertFactory.create_batch(3, user=None)
    disabled = ExpertFactory()
    disabled.user.is_active = False
    disabled.user.save()
    with pytest.raises(ServiceError) as exc:
        services.form_panel(actor=bureau_officer, subject=subject, size=3, field=FIELD,
                            excluded_org_ids=[subject.lead_unit_id], purpose="recognition")
    assert "只有 2 名" in str(exc.value.detail) and "另有 4 名该领域专家没有可用的系统账号" in str(exc.value.detail)
    panel = services.form_panel(actor=bureau_officer, subject=subject, size=2, field=FIELD,
                                excluded_org_ids=[subject.lead_unit_id], purpose="recognition")
    assert panel.candidate_ids == sorted(e.pk for e in with_account)
