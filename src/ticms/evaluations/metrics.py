"""The indicator data a host unit reports for each year of the period, and the metrics computed from them.

A `threshold_linear` indicator of the policy names one of METRICS; the loader refuses any other name, so a
policy file cannot ask for a figure nobody reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ticms.money import WAN

# Largest amount accepted (yuan): 1e12, far above any center, small enough for the Decimal columns.
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class DataField:
    code: str
    label: str
    kind: str  # "money" (stored yuan, entered 万元) or "count"
    article: str


DATA_FIELDS: tuple[DataField, ...] = (
    DataField("revenue", "营业收入（万元）", "money", "14"),
    DataField("rd_investment", "研发投入（万元）", "money", "14"),
    DataField("key_technologies", "突破关键核心技术（项）", "count", "2"),
    DataField("transfers", "技术转让、许可、作价入股（项）", "count", "2"),
    DataField("transfer_income", "成果转化收入（万元）", "money", "2"),
    DataField("incubated_smes", "孵化、培育科技型中小企业（家）", "count", "2"),
    DataField("ip_assets", "新增自主知识产权（件）", "count", "14"),
    DataField("fixed_staff", "年末固定人员（人）", "count", "14"),
    DataField("visiting_staff", "年末流动人员（人）", "count", "14"),
)
FIELD_BY_CODE = {f.code: f for f in DATA_FIELDS}


def _total(data: dict, years: list[int], code: str) -> Decimal:
    return sum((Decimal(str(data.get(str(y), {}).get(code) or 0)) for y in years), Decimal(0))


def _rd_ratio_pct(data: dict, years: list[int]) -> Decimal | None:
    revenue = _total(data, years, "revenue")
    if revenue <= 0:
        return None
    return _total(data, years, "rd_investment") * 100 / revenue


def _last(code: str) -> Callable[[dict, list[int]], Decimal | None]:
    def compute(data: dict, years: list[int]) -> Decimal | None:
        for y in sorted(years, reverse=True):
            value = data.get(str(y), {}).get(code)
            if value not in (None, ""):
                return Decimal(str(value))
        return None

    return compute


def _sum(code: str) -> Callable[[dict, list[int]], Decimal | None]:
    return lambda data, years: _total(data, years, code)


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    compute: Callable[[dict, list[int]], Decimal | None]


METRICS: dict[str, Metric] = {
    m.code: m
    for m in (
        Metric("rd_ratio_pct", "近三年研发投入占营业收入比例（%）", _rd_ratio_pct),
        Metric("rd_investment_wan", "近三年研发投入合计（万元）",
               lambda d, y: _total(d, y, "rd_investment") / WAN),
        Metric("key_technologies", "突破关键核心技术合计（项）", _sum("key_technologies")),
        Metric("transfers", "技术转让、许可、作价入股合计（项）", _sum("transfers")),
        Metric("transfer_income_wan", "成果转化收入合计（万元）",
               lambda d, y: _total(d, y, "transfer_income") / WAN),
        Metric("incubated_smes", "孵化、培育科技型中小企业合计（家）", _sum("incubated_smes")),
        Metric("ip_assets", "新增自主知识产权合计（件）", _sum("ip_assets")),
        Metric("fixed_staff", "评估期末固定人员（人）", _last("fixed_staff")),
    )
}


def metric_value(code: str, data: dict, years: list[int]) -> Decimal | None:
    return METRICS[code].compute(data or {}, years)
