"""The conditions of Art. 8 as rules: each reads the policy's parameters and the facts, and says met / not met /
needs review with the evidence (in Chinese) and its article. A missing fact never raises: it needs review.

Call `evaluate_eligibility(EligibilityFacts(...))` from a form, a review page or the API; `summarize(results)`
gives the overall verdict. Thresholds come only from the policy file.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from django.utils import timezone

from ticms.accounts import credit_code as credit
from ticms.money import to_wan

from .citation import cite
from .loader import Policy, current_policy

MET, NOT_MET, NEEDS_REVIEW = "met", "not_met", "needs_review"
Status = Literal["met", "not_met", "needs_review"]


@dataclass
class EligibilityFacts:
    """What an applicant states (or a reviewer sees). Money in yuan; None/empty means not given."""

    credit_code: str = ""
    is_independent_legal_person: bool | None = None
    registered_address: str = ""
    director_title: str = ""
    fixed_staff: int | None = None
    floor_area_m2: Decimal | int | None = None
    equipment_value: Decimal | int | None = None
    rd_investment: dict[int, Decimal] = field(default_factory=dict)  # year → yuan
    application_year: int | None = None
    ip_asset_count: int | None = None
    field: str = ""
    integrity_record_clean: bool | None = None


@dataclass
class RuleResult:
    code: str
    title: str
    article: str
    status: Status
    evidence: str = ""
    threshold: Any = None
    value: Any = None

    @property
    def met(self) -> bool:
        return self.status == MET

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("threshold", "value"):
            if isinstance(data[key], Decimal):
                data[key] = str(data[key])
            elif isinstance(data[key], tuple):
                data[key] = list(data[key])
        return data


RuleFunc = Callable[[EligibilityFacts, Policy, datetime.date], RuleResult]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    article: str
    func: RuleFunc
    parameters: tuple[str, ...] = ()


RULES: list[Rule] = []


def rule(code: str, title: str, article: str, parameters: tuple[str, ...] = ()):
    def register(func: RuleFunc) -> RuleFunc:
        RULES.append(Rule(code, title, article, func, parameters))
        return func

    return register


def _result(code: str, status: Status, evidence: str, threshold=None, value=None) -> RuleResult:
    spec = next(r for r in RULES if r.code == code)
    return RuleResult(code, spec.title, spec.article, status, evidence, threshold, value)


def _declared(code: str, value: bool | None, *, unknown: str, yes: str, no: str) -> RuleResult:
    """A yes/no fact the applicant states (and the officer checks): not stated yet is for review."""
    if value is None:
        return _result(code, NEEDS_REVIEW, unknown)
    if value:
        return _result(code, MET, yes, True, True)
    return _result(code, NOT_MET, no, True, False)


# --- formatting ---------------------------------------------------------------------------------------
def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        result = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def _plain(d: Decimal) -> str:
    text = f"{d.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def wan(yuan: Decimal | int) -> str:
    """Yuan shown as 万元: 2000000 → 200万元, 1234500 → 123.45万元."""
    return f"{_plain(to_wan(yuan, exact=True))}万元"


def _number(value: Decimal | int) -> str:
    return _plain(Decimal(value))


# --- Art. 8(1) ------------------------------------------------------------------------------------------
@rule("registered_in_city", "牵头单位在本市内注册登记", "8(1)", ("registration_region_prefix",))
def registered_in_city(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    prefix = policy.param("registration_region_prefix", on)
    code = credit.normalise(facts.credit_code)
    if not code:
        return _result("registered_in_city", NEEDS_REVIEW, "尚未填写统一社会信用代码。", prefix)
    try:
        code = credit.validate(code)
    except credit.CreditCodeError as exc:
        return _result("registered_in_city", NEEDS_REVIEW, f"统一社会信用代码无法核验：{exc}。", prefix, code)
    division = credit.division_code(code)
    address = f"注册地址：{facts.registered_address.strip()}。" if (facts.registered_address or "").strip() else ""
    region = f"{policy.jurisdiction_name}（{prefix}）"
    if division.startswith(prefix):
        evidence = f"统一社会信用代码中的行政区划代码为{division}，属于{region}。{address}"
        return _result("registered_in_city", MET, evidence, prefix, division)
    evidence = f"统一社会信用代码中的行政区划代码为{division}，不属于{region}。{address}"
    return _result("registered_in_city", NOT_MET, evidence, prefix, division)


@rule("independent_legal_person", "牵头单位具有独立法人资格", "8(1)")
def independent_legal_person(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    return _declared("independent_legal_person", facts.is_independent_legal_person,
                     unknown="尚未说明是否具有独立法人资格。", yes="申报单位声明具有独立法人资格。",
                     no="申报单位不具有独立法人资格。")


# --- Art. 8(2) ------------------------------------------------------------------------------------------
@rule("ip_assets", "拥有具有自主知识产权的高科技成果", "8(2)", ("min_ip_assets",))
def ip_assets(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    minimum = policy.param("min_ip_assets", on)
    count = facts.ip_asset_count
    if count is None:
        return _result("ip_assets", NEEDS_REVIEW, "尚未填写自主知识产权成果数量。", minimum)
    status = MET if count >= minimum else NOT_MET
    return _result("ip_assets", status, f"填报自主知识产权成果{count}项，要求不少于{minimum}项。", minimum, count)


# Titles that are clearly below the senior grades, and ordinary (intermediate) title names.
_NOT_SENIOR_MARKERS = ("助理", "初级", "中级", "员级", "技术员")
_INTERMEDIATE_TITLES = {
    "工程师", "讲师", "经济师", "会计师", "农艺师", "主治医师", "主管药师", "实验师", "畜牧师", "兽医师",
}


def _names_title(title: str, name: str) -> bool:
    """`name` occurs in `title`, and not as the tail of a deputy title (教授 does not name 副教授)."""
    start = title.find(name)
    while start >= 0:
        if start == 0 or title[start - 1] != "副" or name.startswith("副"):
            return True
        start = title.find(name, start + 1)
    return False


def is_senior_title(title: str, policy: Policy | None = None, on: datetime.date | None = None) -> bool | None:
    """True for a senior (正高级/副高级) title, False for a junior or intermediate one, None when it cannot be told.

    Used by the eligibility rule of Art. 8(2) and by director filings (Art. 7(2)).
    """
    title = (title or "").strip().replace(" ", "")
    if not title:
        return None
    policy = policy or current_policy()
    on = on or _today()
    if any(marker in title for marker in _NOT_SENIOR_MARKERS):
        return False
    senior = (*policy.param("senior_titles", on), *policy.param("senior_title_names", on))
    if any(_names_title(title, name) for name in senior):
        return True
    if title in _INTERMEDIATE_TITLES:
        return False
    return None


@rule("director_senior_title", "中心负责人具有高级专业技术职称", "8(2)", ("senior_titles", "senior_title_names"))
def director_senior_title(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    levels = "、".join(policy.param("senior_titles", on))
    title = (facts.director_title or "").strip()
    if not title:
        return _result("director_senior_title", NEEDS_REVIEW, "尚未填写中心负责人职称。", levels)
    senior = is_senior_title(title, policy, on)
    if senior is None:
        evidence = f"负责人职称“{title}”无法自动判断是否属于{levels}，需人工核实。"
        return _result("director_senior_title", NEEDS_REVIEW, evidence, levels, title)
    if senior:
        return _result("director_senior_title", MET, f"负责人职称“{title}”属于{levels}。", levels, title)
    return _result("director_senior_title", NOT_MET, f"负责人职称“{title}”不属于{levels}。", levels, title)


def _at_least(code: str, value, minimum, show: Callable[[Any], str], what: str) -> RuleResult:
    amount = _decimal(value)
    if amount is None:
        return _result(code, NEEDS_REVIEW, f"尚未填写{what}。", minimum)
    status = MET if amount >= Decimal(minimum) else NOT_MET
    return _result(code, status, f"填报{what}{show(amount)}，要求不少于{show(minimum)}。", minimum, amount)


@rule("fixed_staff", "固定人员数量达到要求", "8(2)", ("min_fixed_staff",))
def fixed_staff(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    minimum = policy.param("min_fixed_staff", on)
    return _at_least("fixed_staff", facts.fixed_staff, minimum, lambda v: f"{_number(v)}人", "固定人员")


# --- Art. 8(3) ------------------------------------------------------------------------------------------
@rule("floor_area", "使用面积达到要求", "8(3)", ("min_floor_area_m2",))
def floor_area(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    minimum = policy.param("min_floor_area_m2", on)
    return _at_least("floor_area", facts.floor_area_m2, minimum, lambda v: f"{_number(v)}平方米", "使用面积")


@rule("equipment_value", "科研仪器设备原值达到要求", "8(3)", ("min_equipment_value",))
def equipment_value(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    minimum = policy.param("min_equipment_value", on)
    return _at_least("equipment_value", facts.equipment_value, minimum, wan, "科研仪器设备原值")


def rd_years_for(application_year: int, policy: Policy, on: datetime.date | None = None) -> list[int]:
    """The years whose R&D counts for an application made in `application_year`: the N years before it."""
    n = policy.param("rd_years", on)
    return list(range(application_year - n, application_year))


@rule("rd_investment_3y", "近三年研发总投入达到要求", "8(3)", ("min_rd_investment_3y", "rd_years"))
def rd_investment(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    minimum = policy.param("min_rd_investment_3y", on)
    if not facts.application_year:
        return _result("rd_investment_3y", NEEDS_REVIEW, "申请年度未知，无法确定统计年度。", minimum)
    years = rd_years_for(int(facts.application_year), policy, on)
    given = {int(y): _decimal(v) for y, v in (facts.rd_investment or {}).items()}
    parts, missing = [], []
    for year in years:
        amount = given.get(year)
        if amount is None:
            missing.append(year)
            parts.append(f"{year}年未填写")
        else:
            parts.append(f"{year}年{wan(amount)}")
    listing = "；".join(parts)
    if missing:
        absent = "、".join(f"{y}年" for y in missing)
        return _result("rd_investment_3y", NEEDS_REVIEW, f"{listing}。缺少{absent}的研发投入。", minimum)
    total = sum((given[y] for y in years), Decimal(0))
    status = MET if total >= Decimal(minimum) else NOT_MET
    evidence = f"{listing}；{years[0]}—{years[-1]}年合计{wan(total)}，要求不少于{wan(minimum)}。"
    return _result("rd_investment_3y", status, evidence, minimum, total)


# --- Art. 8(4) ------------------------------------------------------------------------------------------
@rule("industrial_policy", "符合本市产业集群发展需要", "8(4)")
def industrial_policy(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    name = (facts.field or "").strip()
    if not name:
        return _result("industrial_policy", NEEDS_REVIEW, "尚未选择所属领域（重点产业集群）。")
    found = policy.field(name)
    if found:
        evidence = f"所属领域“{found.name}”属于{cite(found.article)}所列重点产业集群。"
        return _result("industrial_policy", MET, evidence, None, found.name)
    return _result(
        "industrial_policy", NEEDS_REVIEW, f"所属领域“{name}”不在所列重点产业集群中，需市科技局判断是否符合产业政策。",
        None, name,
    )


@rule("integrity", "无重大安全、质量、环境问题或违法失信情况", "8(4)")
def integrity(facts: EligibilityFacts, policy: Policy, on: datetime.date) -> RuleResult:
    return _declared("integrity", facts.integrity_record_clean, unknown="尚未签署诚信承诺或核查信用记录。",
                     yes="已承诺并核查：近三年无重大安全、质量、环境事故或违法失信记录。",
                     no="存在重大安全、质量、环境问题或违法失信记录。")


# --- all of them ----------------------------------------------------------------------------------------
def evaluate_eligibility(
    facts: EligibilityFacts, policy: Policy | None = None, on: datetime.date | None = None
) -> list[RuleResult]:
    """Every Art. 8 rule applied to `facts` with the parameters in force on `on` (today by default)."""
    policy = policy or current_policy()
    on = on or _today()
    return [spec.func(facts, policy, on) for spec in RULES]


@dataclass(frozen=True)
class EligibilitySummary:
    status: Status  # met: all met; not_met: at least one not met; needs_review: none failed, some open
    met: int
    not_met: int
    needs_review: int

    @property
    def message(self) -> str:
        if self.status == MET:
            return "全部基本条件均已满足。"
        if self.status == NOT_MET:
            return f"有{self.not_met}项基本条件未满足。"
        return f"无未满足的条件，但有{self.needs_review}项需要人工核实。"


def summarize(results: list[RuleResult]) -> EligibilitySummary:
    counts = {MET: 0, NOT_MET: 0, NEEDS_REVIEW: 0}
    for r in results:
        counts[r.status] += 1
    status: Status = NOT_MET if counts[NOT_MET] else NEEDS_REVIEW if counts[NEEDS_REVIEW] else MET
    return EligibilitySummary(status, counts[MET], counts[NOT_MET], counts[NEEDS_REVIEW])


def rule_catalogue(policy: Policy | None = None, on: datetime.date | None = None) -> list[dict]:
    """The rules with their article and the parameters (with values) they read — for the policy page and docs."""
    policy = policy or current_policy()
    on = on or _today()
    out = []
    for spec in RULES:
        params = [(policy.parameter(p), policy.param(p, on)) for p in spec.parameters]
        out.append({"code": spec.code, "title": spec.title, "article": spec.article, "parameters": params})
    return out


def _today() -> datetime.date:
    return timezone.localdate()
