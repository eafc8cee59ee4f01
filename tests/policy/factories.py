"""Facts for the eligibility rules."""

from decimal import Decimal
from pathlib import Path

from tests.factories import make_credit_code
from ticms.policy.rules import EligibilityFacts

SHUOZHOU = Path(__file__).resolve().parents[2] / "policies" / "shuozhou.yaml"
PROVINCE = Path(__file__).parent / "fixtures" / "province.yaml"


def eligible_facts(**overrides) -> EligibilityFacts:
    """Facts that meet every condition of Art. 8 of the Shuozhou measures, changed by `overrides`."""
    values = {
        "credit_code": make_credit_code("140602"),
        "is_independent_legal_person": True,
        "registered_address": "山西省朔州市朔城区开发南路1号",
        "director_title": "正高级工程师",
        "fixed_staff": 15,
        "floor_area_m2": Decimal(300),
        "equipment_value": Decimal(2_000_000),
        "rd_investment": {2022: Decimal(600_000), 2023: Decimal(700_000), 2024: Decimal(700_000)},
        "application_year": 2025,
        "ip_asset_count": 3,
        "field": "储能",
        "integrity_record_clean": True,
    }
    values.update(overrides)
    return EligibilityFacts(**values)
