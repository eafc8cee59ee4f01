"""A second policy file changes outcomes with no change of code (DESIGN §5)."""

import datetime
from decimal import Decimal

from tests.factories import make_credit_code
from ticms.policy import calendar
from ticms.policy.naming import check_official_name, official_name
from ticms.policy.rules import evaluate_eligibility

from .factories import eligible_facts

ON = datetime.date(2025, 6, 1)


def statuses(facts, policy, on=ON):
    return {r.code: r.status for r in evaluate_eligibility(facts, policy, on)}


def test_facts_eligible_in_shuozhou_fall_short_in_the_province(policy, province):
    facts = eligible_facts()
    assert set(statuses(facts, policy).values()) == {"met"}
    outcome = statuses(facts, province)
    for code in ("fixed_staff", "floor_area", "equipment_value", "ip_assets"):
        assert outcome[code] == "not_met", code


def test_the_province_counts_two_years_of_rd(province):
    facts = eligible_facts(rd_investment={2023: Decimal(2_500_000), 2024: Decimal(2_500_000)})
    r = {r.code: r for r in evaluate_eligibility(facts, province, ON)}["rd_investment_3y"]
    assert r.status == "met"
    assert r.evidence.startswith("2023年250万元；2024年250万元；2023—2024年合计500万元")


def test_the_province_accepts_a_registration_anywhere_in_the_province(policy, province):
    facts = eligible_facts(credit_code=make_credit_code("140105"))  # 太原市
    assert statuses(facts, policy)["registered_in_city"] == "not_met"
    assert statuses(facts, province)["registered_in_city"] == "met"


def test_the_province_wants_a_full_senior_title(policy, province):
    facts = eligible_facts(director_title="副教授", fixed_staff=60)
    assert statuses(facts, policy)["director_senior_title"] == "met"
    assert statuses(facts, province)["director_senior_title"] == "needs_review"
    assert statuses(eligible_facts(director_title="教授"), province)["director_senior_title"] == "met"


def test_a_threshold_changing_by_date_changes_the_outcome(province):
    facts = eligible_facts(fixed_staff=40)
    assert statuses(facts, province, datetime.date(2025, 12, 31))["fixed_staff"] == "met"
    assert statuses(facts, province, datetime.date(2026, 1, 1))["fixed_staff"] == "not_met"


def test_the_province_names_and_counts_its_notice_differently(db, province):
    assert official_name("氢能", province) == "山西省氢能技术创新中心"
    assert check_official_name("山西省氢能技术创新中心", province) == []
    assert check_official_name("朔州市氢能技术创新中心", province)
    # 7 calendar days, publication day counted.
    assert calendar.period_end(datetime.date(2025, 9, 26), policy=province) == datetime.date(2025, 10, 2)


def test_the_province_expires_after_three_years(province):
    assert province.expires_on == datetime.date(2027, 2, 28)
    assert [i.max for i in province.review_indicators] == [60, 40]
