"""Opinions: scored against the purpose's indicators, locked once submitted (Art. 9(3))."""

from decimal import Decimal

import pytest

from ticms.errors import ServiceError
from ticms.policy import current_policy
from ticms.reviews import services
from ticms.reviews.models import Opinion
from ticms.reviews.purposes import _purposes, register_purpose

from .factories import panel_for, scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def declared(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.get()
    return services.declare(actor=a.expert.user, assignment=a, no_conflict=True)


def test_submitted_opinion_totals_the_scores(declared):
    op = services.submit_opinion(actor=declared.expert.user, assignment=declared, scores=scores(0.8),
                                 comment="基础扎实。", recommendation="recognize")
    assert op.total == Decimal("80.00")
    assert op.submitted_at is not None


def test_an_opinion_is_locked_once_submitted(declared):
    user = declared.expert.user
    services.submit_opinion(actor=user, assignment=declared, scores=scores(0.8), comment="好。",
                            recommendation="recognize")
    with pytest.raises(ServiceError) as exc:
        services.submit_opinion(actor=user, assignment=declared, scores=scores(0.5), comment="改。",
                                recommendation="reject")
    assert exc.value.error == "opinion_locked" and exc.value.status == 409
    assert "不能修改" in str(exc.value.detail)
    assert Opinion.objects.get().recommendation == "recognize"


def _first():
    return current_policy().review_indicators[0]


@pytest.mark.parametrize("value", ["-1", "1000", "abc", "", None, "NaN", "Infinity", "1e400", "10.123", True, []])
def test_a_score_out_of_range_or_not_a_number_is_refused(declared, value):
    bad = scores(0.5)
    bad[_first().code] = value
    with pytest.raises(ServiceError) as exc:
        services.submit_opinion(actor=declared.expert.user, assignment=declared, scores=bad, comment="x",
                                recommendation="recognize")
    assert exc.value.error == "invalid_scores" and _first().code in exc.value.detail
    assert not Opinion.objects.exists()


def test_a_score_above_the_indicator_maximum_is_refused(declared):
    bad = scores(0.5)
    bad[_first().code] = str(_first().max + 0.5)
    with pytest.raises(ServiceError) as exc:
        services.submit_opinion(actor=declared.expert.user, assignment=declared, scores=bad, comment="x",
                                recommendation="recognize")
    assert f"0 至 {_first().max} 分" in exc.value.detail[_first().code]


def test_an_unknown_indicator_is_refused(declared):
    bad = {**scores(0.5), "bogus": "1"}
    with pytest.raises(ServiceError) as exc:
        services.submit_opinion(actor=declared.expert.user, assignment=declared, scores=bad, comment="x",
                                recommendation="recognize")
    assert "bogus" in exc.value.detail


def test_the_recommendation_must_be_one_of_the_purpose(declared):
    with pytest.raises(ServiceError) as exc:
        services.submit_opinion(actor=declared.expert.user, assignment=declared, scores=scores(), comment="x",
                                recommendation="retain")
    assert exc.value.error == "invalid_recommendation"


def test_a_comment_is_required(declared):
    with pytest.raises(ServiceError) as exc:
        services.submit_opinion(actor=declared.expert.user, assignment=declared, scores=scores(), comment=" ",
                                recommendation="recognize")
    assert exc.value.error == "comment_required"


def test_no_opinion_before_declaring_no_conflict(bureau_officer, subject):
    panel = panel_for(bureau_officer, subject, size=1)
    a = panel.assignments.get()
    with pytest.raises(ServiceError) as exc:
        services.submit_opinion(actor=a.expert.user, assignment=a, scores=scores(), comment="x",
                                recommendation="recognize")
    assert exc.value.error == "not_declared"


def test_another_user_cannot_submit_the_opinion(declared, bureau_officer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.submit_opinion(actor=bureau_officer, assignment=declared, scores=scores(), comment="x",
                                recommendation="recognize")


def test_a_registered_purpose_brings_its_own_indicators_and_recommendations(bureau_officer, subject):
    register_purpose("test_eval", lambda panel: [{"code": "ops", "name": "运行管理", "max": 40}],
                     [("retain", "保留"), ("revoke", "撤销")], article="16")
    try:
        from .factories import expert_with_account

        expert = expert_with_account()
        panel = services.form_panel(actor=bureau_officer, subject=subject, size=1, field=expert.fields[0],
                                    excluded_org_ids=[], purpose="test_eval")
        a = services.declare(actor=expert.user, assignment=panel.assignments.get(), no_conflict=True)
        op = services.submit_opinion(actor=expert.user, assignment=a, scores={"ops": 35}, comment="良好",
                                     recommendation="retain")
        assert op.total == Decimal("35.00")
    finally:
        _purposes.pop("test_eval", None)
