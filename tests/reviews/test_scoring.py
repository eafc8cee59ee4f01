from decimal import Decimal

import pytest

from ticms.reviews.scoring import majority, trimmed_mean


def test_trimmed_mean_with_three_experts_is_the_plain_mean():
    assert trimmed_mean([80, 90, 70]) == Decimal("80.00")


def test_trimmed_mean_with_five_experts_drops_highest_and_lowest():
    assert trimmed_mean([60, 80, 82, 84, 99]) == Decimal("82.00")


def test_trimmed_mean_with_seven_experts_drops_only_one_highest_and_one_lowest():
    assert trimmed_mean([50, 70, 71, 72, 73, 74, 100]) == Decimal("72.00")


def test_trimmed_mean_of_four_is_not_trimmed():
    assert trimmed_mean([Decimal("60.5"), 70, 80, 100]) == Decimal("77.63")


def test_trimmed_mean_of_nothing_is_none():
    assert trimmed_mean([]) is None


def test_majority_recommendation():
    assert majority(["recognize", "reject", "recognize"]) == "recognize"


@pytest.mark.parametrize("recs", [["recognize", "reject"], ["recognize", "preparatory", "reject"], []])
def test_tied_or_missing_recommendations_give_none(recs):
    assert majority(recs) is None
