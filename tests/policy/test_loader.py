import datetime
from decimal import Decimal

import pytest
import yaml
from django.test import override_settings

from ticms.policy import PolicyError, current_policy, load_policy

from .factories import PROVINCE, SHUOZHOU


def write(tmp_path, data) -> str:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return str(path)


@pytest.fixture
def raw():
    return yaml.safe_load(SHUOZHOU.read_text("utf-8"))


def test_shuozhou_parameters_are_those_of_the_measures(policy):
    on = datetime.date(2025, 6, 1)
    assert policy.title == "朔州市技术创新中心管理办法"
    assert policy.param("min_fixed_staff", on) == 15
    assert policy.param("min_floor_area_m2", on) == Decimal(300)
    assert policy.param("min_equipment_value", on) == Decimal(2_000_000)
    assert policy.param("min_rd_investment_3y", on) == Decimal(2_000_000)
    assert policy.param("rd_years", on) == 3
    assert policy.param("notice_length", on) == 5
    assert policy.param("notice_day_unit", on) == "working"
    assert policy.param("evaluation_cycle_years", on) == 3
    assert policy.param("validity_years", on) == 5
    assert policy.param("registration_region_prefix", on) == "1406"
    assert policy.param("official_name_pattern", on) == "朔州市{field}技术创新中心"
    assert policy.param("senior_titles", on) == ("正高级", "副高级")


def test_each_parameter_names_its_article(policy):
    assert policy.parameter("min_fixed_staff").article == "8(2)"
    assert policy.parameter("min_floor_area_m2").article == "8(3)"
    assert policy.parameter("notice_length").article == "9(4)"
    assert policy.parameter("validity_years").article == "18"
    assert policy.parameter("min_equipment_value").unit_label == "元"


def test_the_thirteen_industry_clusters_of_article_3(policy):
    assert len(policy.fields) == 13
    assert policy.field_names[0] == "半导体"
    assert "现代生物（中）医药和大健康" in policy.field_names
    assert policy.field("energy_storage").name == "储能"
    assert policy.fields_article == "3(2)"


def test_review_indicators_sum_to_100(policy):
    assert sum(i.max for i in policy.review_indicators) == 100
    assert {i.code for i in policy.review_indicators} >= {"innovation_capacity", "plan_feasibility"}


def test_expiry_is_five_years_after_publication(policy):
    assert policy.published_on == datetime.date(2025, 1, 1)
    assert policy.expires_on == datetime.date(2029, 12, 31)
    assert not policy.is_expired(datetime.date(2029, 12, 31))
    assert policy.is_expired(datetime.date(2030, 1, 1))
    assert policy.days_to_expiry(datetime.date(2029, 12, 1)) == 30


def test_param_gives_the_value_in_force_on_the_date(province):
    assert province.param("min_fixed_staff", datetime.date(2025, 12, 31)) == 30
    assert province.param("min_fixed_staff", datetime.date(2026, 1, 1)) == 50


def test_param_before_the_first_value_is_refused(province):
    with pytest.raises(PolicyError, match="min_fixed_staff"):
        province.param("min_fixed_staff", datetime.date(2020, 1, 1))


def test_unknown_parameter_is_named(policy):
    with pytest.raises(PolicyError, match="no_such_thing"):
        policy.param("no_such_thing")


def test_current_policy_reads_the_settings_file_once():
    assert current_policy() is current_policy()
    assert current_policy().jurisdiction == "shuozhou"


def test_current_policy_follows_the_setting_after_reset():
    with override_settings(TICMS_POLICY_FILE=str(PROVINCE)):
        current_policy.cache_clear()
        assert current_policy().jurisdiction == "example-province"


def test_missing_parameter_is_named(tmp_path, raw):
    del raw["parameters"]["min_floor_area_m2"]
    path = write(tmp_path, raw)
    with pytest.raises(PolicyError) as err:
        load_policy(path)
    assert err.value.key == "parameters.min_floor_area_m2"
    assert path in str(err.value) and "missing" in str(err.value)


def test_dates_out_of_order_are_refused(tmp_path, raw):
    raw["parameters"]["min_fixed_staff"]["values"] = {
        datetime.date(2026, 1, 1): 20,
        datetime.date(2025, 1, 1): 15,
    }
    with pytest.raises(PolicyError, match=r"parameters\.min_fixed_staff\.values\.2025-01-01.*ascending"):
        load_policy(write(tmp_path, raw))


def test_effective_before_published_is_refused(tmp_path, raw):
    raw["metadata"]["effective_from"] = datetime.date(2024, 12, 1)
    with pytest.raises(PolicyError, match="metadata.effective_from"):
        load_policy(write(tmp_path, raw))


def test_indicators_not_summing_to_100_are_refused(tmp_path, raw):
    raw["review_indicators"][0]["max"] = 30
    with pytest.raises(PolicyError, match=r"review_indicators: maximum scores must sum to 100, not 105"):
        load_policy(write(tmp_path, raw))


def test_name_pattern_without_field_is_refused(tmp_path, raw):
    raw["parameters"]["official_name_pattern"]["values"] = {datetime.date(2025, 1, 1): "朔州市技术创新中心"}
    with pytest.raises(PolicyError, match=r"official_name_pattern.*\{field\}"):
        load_policy(write(tmp_path, raw))


def test_unknown_unit_is_refused(tmp_path, raw):
    raw["parameters"]["min_fixed_staff"]["unit"] = "dozen"
    with pytest.raises(PolicyError, match=r"parameters\.min_fixed_staff\.unit: unknown unit"):
        load_policy(write(tmp_path, raw))


def test_value_of_the_wrong_type_is_refused(tmp_path, raw):
    raw["parameters"]["min_fixed_staff"]["values"] = {datetime.date(2025, 1, 1): "fifteen"}
    with pytest.raises(PolicyError, match=r"parameters\.min_fixed_staff\.values\.2025-01-01"):
        load_policy(write(tmp_path, raw))


def test_parameter_without_values_is_refused(tmp_path, raw):
    raw["parameters"]["rd_years"]["values"] = {}
    with pytest.raises(PolicyError, match=r"parameters\.rd_years\.values"):
        load_policy(write(tmp_path, raw))


def test_parameter_without_article_is_refused(tmp_path, raw):
    del raw["parameters"]["rd_years"]["article"]
    with pytest.raises(PolicyError, match=r"parameters\.rd_years\.article: missing"):
        load_policy(write(tmp_path, raw))


def test_region_prefix_written_as_a_number_is_refused(tmp_path, raw):
    raw["parameters"]["registration_region_prefix"]["values"] = {datetime.date(2025, 1, 1): 1406}
    with pytest.raises(PolicyError, match="registration_region_prefix"):
        load_policy(write(tmp_path, raw))


def test_duplicate_field_code_is_refused(tmp_path, raw):
    raw["fields"]["items"][1]["code"] = raw["fields"]["items"][0]["code"]
    with pytest.raises(PolicyError, match=r"fields\.items: duplicate code"):
        load_policy(write(tmp_path, raw))


def test_missing_metadata_is_named(tmp_path, raw):
    del raw["metadata"]["published_on"]
    with pytest.raises(PolicyError, match=r"metadata\.published_on: missing"):
        load_policy(write(tmp_path, raw))


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("parameters: [unclosed", "utf-8")
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(path)


def test_a_section_given_twice_is_refused_not_silently_overridden(tmp_path):
    text = SHUOZHOU.read_text("utf-8")
    path = tmp_path / "twice.yaml"
    path.write_text(text + "\nevaluation:\n  version: other\n", "utf-8")
    second = len(text.splitlines()) + 2  # the line of the appended copy, however long the shipped file grows
    with pytest.raises(PolicyError, match=rf"(?s)not valid YAML.*'evaluation' appears twice.*line {second}"):
        load_policy(path)
    assert load_policy(SHUOZHOU).evaluation["version"]  # the shipped file has each section once


def test_a_key_given_twice_inside_a_section_is_refused(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("metadata:\n  title: a\n  title: b\n", "utf-8")
    with pytest.raises(PolicyError, match="'title' appears twice"):
        load_policy(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(PolicyError, match="cannot be read"):
        load_policy(tmp_path / "nowhere.yaml")


def test_an_unknown_section_is_refused(tmp_path, raw):
    raw["parameterz"] = {}
    with pytest.raises(PolicyError, match="parameterz: unknown section"):
        load_policy(write(tmp_path, raw))


def test_the_evaluation_section_is_kept_for_the_evaluations_app(policy):
    assert policy.evaluation["article"] == "16"
    assert policy.raw["metadata"]["jurisdiction"] == "shuozhou"
