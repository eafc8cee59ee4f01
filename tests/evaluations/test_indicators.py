import copy
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from ticms.evaluations.indicators import PolicyError, load_indicator_system, validate_evaluation_section

ROOT = Path(__file__).resolve().parents[2]
SECTION = yaml.safe_load((ROOT / "policies" / "shuozhou.yaml").read_text(encoding="utf-8"))["evaluation"]


def section(**changes):
    raw = copy.deepcopy(SECTION)
    raw.update(changes)
    return raw


def test_policy_file_section_is_valid_and_sums_to_100():
    system = validate_evaluation_section(SECTION)
    assert sum(level.weight for level in system.levels) == 100
    assert {i.article for i in system.indicators} <= {"2", "14", "16"}


def test_weights_not_summing_to_100_refused_naming_the_key():
    raw = section()
    raw["indicators"][0]["weight"] = 20
    raw["indicators"][0]["children"][0]["weight"] = 15
    with pytest.raises(PolicyError) as exc:
        validate_evaluation_section(raw)
    assert exc.value.key == "evaluation.indicators" and "105" in str(exc.value)


def test_level2_weights_must_add_up_to_their_level1():
    raw = section()
    raw["indicators"][1]["children"][0]["weight"] = 11
    with pytest.raises(PolicyError) as exc:
        validate_evaluation_section(raw)
    assert exc.value.key == "evaluation.indicators[1].children"


def test_unknown_rule_type_refused():
    raw = section()
    raw["indicators"][0]["children"][1]["rule"] = "guess"
    with pytest.raises(PolicyError) as exc:
        validate_evaluation_section(raw)
    assert exc.value.key == "evaluation.indicators[0].children[1].rule"


def test_unknown_metric_refused():
    raw = section()
    raw["indicators"][0]["children"][0]["metric"] = "happiness"
    with pytest.raises(PolicyError) as exc:
        validate_evaluation_section(raw)
    assert exc.value.key.endswith("children[0].metric")


def test_threshold_low_not_below_high_refused():
    raw = section()
    raw["indicators"][0]["children"][0].update(low=10, high=10)
    with pytest.raises(PolicyError):
        validate_evaluation_section(raw)


@pytest.mark.parametrize("grades", [{"excellent": 80, "good": 90, "pass": 60}, {"excellent": 90, "good": 60,
                                    "pass": 60}, {"excellent": 101, "good": 80, "pass": 60}, {"excellent": 90}])
def test_cutoffs_out_of_order_or_missing_refused(grades):
    with pytest.raises(PolicyError) as exc:
        validate_evaluation_section(section(grades=grades))
    assert exc.value.key.startswith("evaluation.grades")


def test_non_numeric_weight_refused():
    raw = section()
    raw["indicators"][2]["weight"] = "many"
    with pytest.raises(PolicyError) as exc:
        validate_evaluation_section(raw)
    assert exc.value.key == "evaluation.indicators[2].weight"


def test_second_jurisdiction_is_a_file_not_code():
    province = yaml.safe_load((ROOT / "tests/policy/fixtures/province.yaml").read_text(encoding="utf-8"))
    system = load_indicator_system(province)
    assert system.cutoffs["excellent"] == 85 and system.grade_for(Decimal("86")) == "excellent"
    assert load_indicator_system(SECTION).grade_for(Decimal("86")) == "good"


@pytest.fixture
def rd_ratio():
    return next(i for i in validate_evaluation_section(SECTION).indicators if i.code == "A1")  # low 3, high 10


@pytest.mark.parametrize("value, points", [
    (None, "0.00"), ("0", "0.00"), ("3", "0.00"), ("6.5", "5.00"), ("10", "10.00"), ("25", "10.00"), ("-4", "0.00"),
    ("3.7", "1.00"),
])
def test_threshold_linear_scoring_at_the_edges(rd_ratio, value, points):
    assert rd_ratio.score(None if value is None else Decimal(value)) == Decimal(points)


@pytest.mark.parametrize("total, grade", [
    ("100", "excellent"), ("90", "excellent"), ("89.99", "good"), ("80", "good"), ("79.99", "pass"),
    ("60", "pass"), ("59.99", "fail"), ("0", "fail"),
])
def test_grade_cutoffs_at_the_boundaries(total, grade):
    assert validate_evaluation_section(SECTION).grade_for(Decimal(total)) == grade


def test_indicator_system_defaults_to_the_policy_in_force():
    assert load_indicator_system().version == SECTION["version"]
