"""Experts, application subjects and panels for the review and notice tests."""

from __future__ import annotations

import factory

from ticms.accounts.roles import Role
from ticms.applications.models import Application
from ticms.reviews import services
from ticms.reviews.models import Expert

from ..factories import OrganisationFactory, user_with_role

FIELD = "碳基新材料"


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"专家{n}")
    title = "正高级工程师"
    organisation = factory.SubFactory(OrganisationFactory)
    fields = factory.LazyFunction(lambda: [FIELD])
    active = True
    # Only experts with an account are drawn (they declare and score in the system); pass user=None for one without.
    user = factory.LazyFunction(lambda: user_with_role(Role.EXPERT))

    @factory.post_generation
    def declared_ties(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.declared_ties.set(extracted)


def expert_with_account(**kwargs) -> Expert:
    user = user_with_role(Role.EXPERT)
    return ExpertFactory(user=user, **kwargs)


def application(lead_unit=None, *, state="expert_review", partners=(), field=FIELD, host_unit=None,
                proposed_outcome="") -> Application:
    """An application already in `state` (the recognition steps before it are the recognition steps' to test)."""
    from ..applications.factories import CallFactory

    lead_unit = lead_unit or OrganisationFactory()
    app = Application.objects.create(
        call=CallFactory(), year=2026, field=field, name=field, lead_unit=lead_unit,
        host_unit=host_unit or lead_unit, state=state, proposed_outcome=proposed_outcome,
    )
    app.partner_units.set(partners)
    return app


def panel_for(bureau, subject, *, size=3, experts=None, **kwargs):
    """A panel of `size` experts with accounts (made when `experts` is not given)."""
    if experts is None:
        experts = [expert_with_account() for _ in range(size)]
    panel = services.form_panel(actor=bureau, subject=subject, size=size, field=FIELD,
                                excluded_org_ids=[subject.lead_unit_id], purpose="recognition", **kwargs)
    return panel


def scores(total_share: float = 0.8) -> dict:
    """Scores for every recognition indicator at `total_share` of its maximum."""
    from ticms.policy import current_policy

    return {i.code: str(round(i.max * total_share, 1)) for i in current_policy().review_indicators}


def declare_and_submit(panel, *, recommendation="recognize", share=0.8, only=None):
    for a in panel.assignments.filter(active=True).select_related("expert__user"):
        if only is not None and a.pk not in only:
            continue
        services.declare(actor=a.expert.user, assignment=a, no_conflict=True)
        services.submit_opinion(actor=a.expert.user, assignment=a, scores=scores(share), comment="同意。",
                                recommendation=recommendation)
