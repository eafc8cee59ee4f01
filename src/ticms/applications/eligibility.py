"""The Art. 8 conditions applied to an application (or to facts typed into a form that is not saved yet).

Which field feeds which fact is declared in fields.py (`fact`, `to_fact`, `year_offset`)."""

from __future__ import annotations

from decimal import Decimal

from . import fields as spec
from .policy_adapter import Facts, RuleResult, evaluate


def facts_of(values: dict, *, lead_unit=None, year: int | None = None) -> Facts:
    """Facts from a dict of application fields (model instance values or cleaned form data, in yuan)."""
    facts = Facts(application_year=year)
    values = {**values, "lead_unit": lead_unit} if lead_unit is not None else values
    rd: dict[int, Decimal] = {}
    for f in spec.fact_fields():
        value = values.get(f.name)
        if f.year_offset is not None:
            if year and value is not None:
                rd[year + f.year_offset] = Decimal(value)
            continue
        if f.to_fact is not None:
            value = f.to_fact(value)
        elif f.kind in (spec.Kind.TEXT, spec.Kind.CHOICE, spec.Kind.LONG_TEXT):
            value = value or ""
        if f.name in values or f.to_fact is not None:
            setattr(facts, f.fact, value)
    facts.rd_investment = rd
    if not facts.credit_code:
        facts.credit_code = values.get("credit_code", "") or ""  # the public self-check types it
    return facts


def values_of(application) -> dict:
    """The application's own values (organisations, which cost a query each, are read by whoever needs them)."""
    return {f.name: getattr(application, f.name) for f in spec.FIELDS
            if f.kind not in (spec.Kind.ORGANISATION, spec.Kind.ORGANISATIONS)}


def eligibility_for(application) -> list[RuleResult]:
    return evaluate(facts_of(values_of(application), lead_unit=application.lead_unit, year=application.year))


def not_met(results) -> list:
    return [r for r in results if r.status == "not_met"]
