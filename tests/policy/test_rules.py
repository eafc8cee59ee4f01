import datetime
from decimal import Decimal

import pytest

from tests.factories import make_credit_code
from ticms.accounts import credit_code
from ticms.policy.rules import (
    RULES,
    EligibilityFacts,
    evaluate_eligibility,
    is_senior_title,
    summarize,
)

from .factories import eligible_facts

ON = datetime.date(2025, 6, 1)


def result(code, facts, policy):
    return {r.code: r for r in evaluate_eligibility(facts, policy, ON)}[code]


def test_facts_meeting_every_condition_are_all_met(policy):
    results = evaluate_eligibility(eligible_facts(), policy, ON)
    assert [r.status for r in results] == ["met"] * len(RULES)
    assert summarize(results).status == "met"


def test_every_rule_names_an_article_of_article_8(policy):
    results = evaluate_eligibility(eligible_facts(), policy, ON)
    assert {r.article for r in results} == {"8(1)", "8(2)", "8(3)", "8(4)"}
    assert len(results) == 10


def test_empty_facts_need_review_and_never_raise(policy):
    results = evaluate_eligibility(EligibilityFacts(), policy, ON)
    assert {r.status for r in results} == {"needs_review"}
    summary = summarize(results)
    assert summary.status == "needs_review" and summary.needs_review == 10


@pytest.mark.parametrize(
    ("code", "fact", "below", "at", "above"),
    [
        ("fixed_staff", "fixed_staff", 14, 15, 16),
        ("floor_area", "floor_area_m2", Decimal("299.99"), Decimal(300), Decimal(301)),
        ("equipment_value", "equipment_value", Decimal("1999999.99"), Decimal(2_000_000), Decimal(2_000_001)),
        ("ip_assets", "ip_asset_count", 0, 1, 5),
    ],
)
def test_threshold_rules_at_below_and_above(policy, code, fact, below, at, above):
    assert result(code, eligible_facts(**{fact: below}), policy).status == "not_met"
    assert result(code, eligible_facts(**{fact: at}), policy).status == "met"
    assert result(code, eligible_facts(**{fact: above}), policy).status == "met"
    assert result(code, eligible_facts(**{fact: None}), policy).status == "needs_review"


def test_threshold_evidence_states_value_and_requirement(policy):
    r = result("equipment_value", eligible_facts(equipment_value=Decimal(1_500_000)), policy)
    assert r.evidence == "填报科研仪器设备原值150万元，要求不少于200万元。"
    assert r.threshold == Decimal(2_000_000) and r.value == Decimal(1_500_000)
    staff = result("fixed_staff", eligible_facts(fixed_staff=12), policy)
    assert staff.evidence == "填报固定人员12人，要求不少于15人。"


def test_a_value_that_is_not_a_number_needs_review(policy):
    assert result("floor_area", eligible_facts(floor_area_m2="三百"), policy).status == "needs_review"


def rd(y1, y2, y3, year=2025):
    return {year - 3: Decimal(y1), year - 2: Decimal(y2), year - 1: Decimal(y3)}


@pytest.mark.parametrize(
    ("amounts", "status"),
    [
        ((600_000, 700_000, 699_999), "not_met"),
        ((600_000, 700_000, 700_000), "met"),
        ((1_000_000, 1_000_000, 1_000_000), "met"),
    ],
)
def test_rd_investment_at_below_and_above(policy, amounts, status):
    assert result("rd_investment_3y", eligible_facts(rd_investment=rd(*amounts)), policy).status == status


def test_rd_investment_uses_exactly_the_three_years_before_the_application_year(policy):
    facts = eligible_facts(
        application_year=2025,
        rd_investment={
            2021: Decimal(5_000_000),  # too early: ignored
            2022: Decimal(500_000),
            2023: Decimal(500_000),
            2024: Decimal(500_000),
            2025: Decimal(5_000_000),  # the application year itself: ignored
        },
    )
    r = result("rd_investment_3y", facts, policy)
    assert r.status == "not_met"
    assert r.value == Decimal(1_500_000)
    assert r.evidence == "2022年50万元；2023年50万元；2024年50万元；2022—2024年合计150万元，要求不少于200万元。"


def test_rd_investment_with_a_missing_year_needs_review(policy):
    facts = eligible_facts(rd_investment={2022: Decimal(3_000_000), 2024: Decimal(3_000_000)})
    r = result("rd_investment_3y", facts, policy)
    assert r.status == "needs_review"
    assert "2023年未填写" in r.evidence and "缺少2023年" in r.evidence


def test_rd_investment_without_application_year_needs_review(policy):
    assert result("rd_investment_3y", eligible_facts(application_year=None), policy).status == "needs_review"


def test_registered_in_the_city_is_met_for_a_shuozhou_division(policy):
    r = result("registered_in_city", eligible_facts(credit_code=make_credit_code("140621")), policy)  # 山阴县
    assert r.status == "met" and r.value == "140621" and r.article == "8(1)"


def test_registered_elsewhere_is_not_met(policy):
    r = result("registered_in_city", eligible_facts(credit_code=make_credit_code("140105")), policy)  # 太原市
    assert r.status == "not_met"
    assert "140105" in r.evidence


@pytest.mark.parametrize("code", ["", "   ", "91140602MA0K12345X", "123"])
def test_missing_or_invalid_credit_code_needs_review(policy, code):
    valid = make_credit_code("140602")
    if code == "91140602MA0K12345X":  # right length, wrong check character
        code = valid[:17] + ("0" if valid[17] != "0" else "1")
    assert result("registered_in_city", eligible_facts(credit_code=code), policy).status == "needs_review"


def test_credit_code_in_lower_case_is_accepted(policy):
    code = credit_code.make("91140602MA0K1234X")
    assert result("registered_in_city", eligible_facts(credit_code=code.lower()), policy).status == "met"


@pytest.mark.parametrize(("value", "status"), [(True, "met"), (False, "not_met"), (None, "needs_review")])
def test_independent_legal_person(policy, value, status):
    facts = eligible_facts(is_independent_legal_person=value)
    assert result("independent_legal_person", facts, policy).status == status


@pytest.mark.parametrize(("value", "status"), [(True, "met"), (False, "not_met"), (None, "needs_review")])
def test_integrity(policy, value, status):
    assert result("integrity", eligible_facts(integrity_record_clean=value), policy).status == status


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("正高级工程师", "met"),
        ("副高级", "met"),
        ("教授", "met"),
        ("副研究员", "met"),
        ("高级工程师", "met"),
        ("工程师", "not_met"),
        ("助理研究员", "not_met"),
        ("中级", "not_met"),
        ("", "needs_review"),
        ("总经理", "needs_review"),
    ],
)
def test_director_senior_title(policy, title, status):
    assert result("director_senior_title", eligible_facts(director_title=title), policy).status == status


def test_is_senior_title_is_usable_on_its_own(policy):
    assert is_senior_title("研究员", policy) is True
    assert is_senior_title("讲师", policy) is False
    assert is_senior_title("", policy) is None


def test_is_senior_title_reads_the_current_policy_by_default():
    assert is_senior_title("副教授") is True


@pytest.mark.parametrize(
    ("field", "status"),
    [("储能", "met"), ("energy_storage", "met"), ("人工智能", "needs_review"), ("", "needs_review")],
)
def test_industrial_policy_fit(policy, field, status):
    assert result("industrial_policy", eligible_facts(field=field), policy).status == status


def test_summary_not_met_outweighs_needs_review(policy):
    results = evaluate_eligibility(eligible_facts(fixed_staff=3, director_title=""), policy, ON)
    summary = summarize(results)
    assert (summary.status, summary.not_met, summary.needs_review) == ("not_met", 1, 1)
    assert "1项" in summary.message


def test_results_serialise_for_the_api(policy):
    data = result("equipment_value", eligible_facts(), policy).as_dict()
    assert data["threshold"] == "2000000" and data["status"] == "met" and data["article"] == "8(3)"


def test_evaluate_uses_the_current_policy_by_default():
    assert summarize(evaluate_eligibility(eligible_facts(), on=ON)).status == "met"
