"""panel_result_for: what the recognition steps' guards read (completeness, majority, trimmed mean)."""

from decimal import Decimal

import pytest

from ticms.reviews import services
from ticms.reviews.selectors import panel_result_for

from .factories import declare_and_submit, expert_with_account, panel_for

pytestmark = pytest.mark.django_db


def test_no_panel_gives_none(subject):
    assert panel_result_for(subject) is None


def test_result_is_incomplete_and_names_the_missing_experts(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=3)
    first = panel.assignments.first()
    declare_and_submit(panel, only={first.pk})
    result = panel_result_for(subject)
    assert not result.complete
    assert sorted(result.missing) == sorted(a.expert.name for a in panel.assignments.exclude(pk=first.pk))


def test_complete_result_has_majority_and_trimmed_mean(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=5)
    assignments = list(panel.assignments.order_by("pk"))
    shares = [0.5, 0.8, 0.8, 0.8, 1.0]
    recs = ["reject", "recognize", "recognize", "preparatory", "recognize"]
    for a, share, rec in zip(assignments, shares, recs, strict=True):
        declare_and_submit(panel, only={a.pk}, share=share, recommendation=rec)
    result = panel_result_for(subject)
    assert result.complete and result.missing == []
    assert result.recommendation == "recognize"
    assert result.mean_score == Decimal("80.00")
    assert len(result.scores) == 5


def test_a_tie_gives_no_recommendation(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=2)
    a, b = panel.assignments.order_by("pk")
    declare_and_submit(panel, only={a.pk}, recommendation="recognize")
    declare_and_submit(panel, only={b.pk}, recommendation="reject")
    result = panel_result_for(subject)
    assert result.complete and result.recommendation is None and result.recommendation_tied


def test_a_replaced_expert_does_not_count(bureau_officer, subject):
    experts = [expert_with_account() for _ in range(3)]
    panel = panel_for(bureau_officer, subject, size=2, experts=experts)
    recused = panel.assignments.first()
    services.declare(actor=recused.expert.user, assignment=recused, no_conflict=False, reason="回避")
    new = services.replace_expert(actor=bureau_officer, assignment=recused)
    result = panel_result_for(subject)
    names = {s.expert_name for s in result.scores}
    assert recused.expert.name not in names and new.expert.name in names


def test_the_latest_panel_counts(bureau_officer, subject):
    panel_for(bureau_officer, subject, size=1)
    latest = panel_for(bureau_officer, subject, size=1, redraw_reason="原定专家无法按期到场")
    assert panel_result_for(subject).panel == latest
