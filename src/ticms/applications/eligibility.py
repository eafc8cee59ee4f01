"""The Art. 8 conditions applied to an application (or to facts typed into a form that is not saved yet)."""

from __future__ import annotations

from decimal import Decimal

from .policy_adapter import Facts, RuleResult, evaluate


def facts_of(values: dict, *, lead_unit=None, year: int | None = None) -> Facts:
    """Facts from a dict of application fields (model instance values or cleaned form data, in yuan)."""
    years = [year - 3, year - 2, year - 1] if year else []
    rd = {}
    for y, key in zip(years, ("rd_investment_y1", "rd_investment_y2", "rd_investment_y3"), strict=False):
        if values.get(key) is not None:
            rd[y] = Decimal(values[key])
    signed = values.get("integrity_declaration")
    return Facts(
        credit_code=getattr(lead_unit, "credit_code", "") or values.get("credit_code", "") or "",
        is_independent_legal_person=values.get("independent_legal_person"),
        director_title=values.get("director_title") or "",
        fixed_staff=values.get("fixed_staff"),
        floor_area_m2=values.get("floor_area_m2"),
        equipment_value=values.get("equipment_value"),
        rd_investment=rd,
        application_year=year,
        ip_asset_count=values.get("ip_asset_count"),
        field=values.get("field") or "",
        integrity_record_clean=True if signed else None,
    )


FACT_FIELDS = (
    "category", "field", "name", "independent_legal_person", "director", "director_title", "fixed_staff",
    "visiting_staff", "floor_area_m2", "equipment_value", "rd_investment_y1", "rd_investment_y2",
    "rd_investment_y3", "ip_asset_count", "ip_assets", "achievements", "construction_plan",
    "integrity_declaration", "integrity_signer", "requests_preparatory", "preparatory_reason",
)


def values_of(application) -> dict:
    return {name: getattr(application, name) for name in FACT_FIELDS}


def eligibility_for(application) -> list[RuleResult]:
    return evaluate(facts_of(values_of(application), lead_unit=application.lead_unit, year=application.year))


def not_met(results) -> list:
    return [r for r in results if r.status == "not_met"]
