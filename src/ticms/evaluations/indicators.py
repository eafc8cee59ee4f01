"""The evaluation indicator system of the policy file (Art. 16): loading, validating and scoring.

The system lives in the policy's `evaluation:` section — a tree of level-1 indicators, each with level-2
indicators carrying a weight and a scoring rule, the grade cut-offs and what a fail leads to. Weights and
cut-offs are policy, not code: `validate_evaluation_section(raw)` refuses a section whose weights do not add
up to 100, whose rules are unknown or whose cut-offs are out of order, naming the key at fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ticms.policy import PolicyError, current_policy

from .metrics import METRICS, metric_value


def _error(message: str) -> PolicyError:
    """PolicyError(path, key, problem) from "key: problem"."""
    key, _sep, problem = message.partition(": ")
    return PolicyError(None, key, problem)


RULES = ("expert", "threshold_linear")
GRADES = ("excellent", "good", "pass")
GRADE_LABELS = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}
FAIL_OUTCOMES = ("rectify", "revoke")
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    weight: Decimal
    rule: str
    article: str
    parent_code: str
    parent_name: str
    metric: str = ""
    low: Decimal | None = None
    high: Decimal | None = None

    @property
    def max(self) -> Decimal:
        return self.weight

    def score(self, value: Decimal | None) -> Decimal:
        """threshold_linear: 0 at or below `low`, the full weight at or above `high`, linear between."""
        if value is None or value <= self.low:
            return Decimal(0).quantize(CENT)
        if value >= self.high:
            return self.weight.quantize(CENT)
        points = self.weight * (value - self.low) / (self.high - self.low)
        return points.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Level1:
    code: str
    name: str
    weight: Decimal
    article: str
    children: tuple[Indicator, ...]


@dataclass(frozen=True)
class IndicatorSystem:
    version: str
    levels: tuple[Level1, ...]
    cutoffs: dict[str, Decimal]
    fail_outcome: str
    preparatory_review_years: int
    rectification_months: int
    raw: dict = field(default_factory=dict, compare=False)

    @property
    def indicators(self) -> list[Indicator]:
        return [i for level in self.levels for i in level.children]

    @property
    def expert_indicators(self) -> list[Indicator]:
        return [i for i in self.indicators if i.rule == "expert"]

    @property
    def data_indicators(self) -> list[Indicator]:
        return [i for i in self.indicators if i.rule == "threshold_linear"]

    @property
    def expert_max(self) -> Decimal:
        return sum((i.weight for i in self.expert_indicators), Decimal(0))

    def grade_for(self, total: Decimal | None) -> str:
        """excellent / good / pass by the cut-offs (a total equal to a cut-off reaches it), else fail."""
        if total is None:
            return "fail"
        for grade in GRADES:
            if total >= self.cutoffs[grade]:
                return grade
        return "fail"

    def data_scores(self, data: dict, years: list[int]) -> dict[str, dict]:
        out = {}
        for ind in self.data_indicators:
            value = metric_value(ind.metric, data, years)
            out[ind.code] = {"value": None if value is None else str(value.quantize(CENT)),
                             "points": str(ind.score(value))}
        return out


def _dec(raw, key: str) -> Decimal:
    if isinstance(raw, bool):
        raise _error(f"{key}: 须为数字，而不是 {raw!r}")
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError) as exc:
        raise _error(f"{key}: 须为数字，而不是 {raw!r}") from exc
    if not value.is_finite():
        raise _error(f"{key}: 须为有限数字")
    return value


def _text(raw: dict, name: str, key: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str | int) or not str(value).strip():
        raise _error(f"{key}.{name}: 必填")
    return str(value).strip()


def _indicator(raw, key: str, parent: dict) -> Indicator:
    if not isinstance(raw, dict):
        raise _error(f"{key}: 须为指标（code、name、weight、rule）")
    rule = raw.get("rule")
    if rule not in RULES:
        raise _error(f"{key}.rule: 未知的评分规则 {rule!r}，只能是 {'、'.join(RULES)}")
    weight = _dec(raw.get("weight"), f"{key}.weight")
    if weight <= 0:
        raise _error(f"{key}.weight: 须大于 0")
    kwargs = {}
    if rule == "threshold_linear":
        metric = raw.get("metric")
        if metric not in METRICS:
            raise _error(f"{key}.metric: 未知的数据指标 {metric!r}，可用：{'、'.join(METRICS)}")
        low, high = _dec(raw.get("low"), f"{key}.low"), _dec(raw.get("high"), f"{key}.high")
        if not low < high:
            raise _error(f"{key}: low（{low}）须小于 high（{high}）")
        kwargs = {"metric": metric, "low": low, "high": high}
    return Indicator(
        code=_text(raw, "code", key), name=_text(raw, "name", key), weight=weight, rule=rule,
        article=str(raw.get("article") or parent.get("article") or "16"),
        parent_code=str(parent["code"]), parent_name=str(parent["name"]), **kwargs,
    )


def validate_evaluation_section(raw) -> IndicatorSystem:
    """Check the `evaluation:` section (the mapping under that key) and return it as an IndicatorSystem.

    Raises PolicyError naming the key: weights not adding up to 100 (overall and within each level-1
    indicator), unknown rules or metrics, duplicate codes, cut-offs out of order, unknown fail outcome.
    """
    if not isinstance(raw, dict):
        raise _error("evaluation: 须为映射（version、grades、indicators …）")
    levels_raw = raw.get("indicators")
    if not isinstance(levels_raw, list) or not levels_raw:
        raise _error("evaluation.indicators: 须列出一级指标")
    levels, seen = [], set()
    for n, lraw in enumerate(levels_raw):
        key = f"evaluation.indicators[{n}]"
        if not isinstance(lraw, dict):
            raise _error(f"{key}: 须为一级指标（code、name、weight、children）")
        head = {"code": _text(lraw, "code", key), "name": _text(lraw, "name", key), "article": lraw.get("article")}
        weight = _dec(lraw.get("weight"), f"{key}.weight")
        children_raw = lraw.get("children")
        if not isinstance(children_raw, list) or not children_raw:
            raise _error(f"{key}.children: 须列出二级指标")
        children = tuple(_indicator(c, f"{key}.children[{m}]", head) for m, c in enumerate(children_raw))
        child_sum = sum((c.weight for c in children), Decimal(0))
        if child_sum != weight:
            raise _error(f"{key}.children: 二级指标权重之和为 {child_sum}，与一级指标权重 {weight} 不符")
        for code in [head["code"], *(c.code for c in children)]:
            if code in seen:
                raise _error(f"{key}: 指标编号 {code} 重复")
            seen.add(code)
        levels.append(Level1(head["code"], head["name"], weight, str(head["article"] or "16"), children))
    total = sum((level.weight for level in levels), Decimal(0))
    if total != HUNDRED:
        raise _error(f"evaluation.indicators: 一级指标权重之和为 {total}，须为 100")
    grades_raw = raw.get("grades")
    if not isinstance(grades_raw, dict):
        raise _error("evaluation.grades: 须给出 excellent、good、pass 三档分数线")
    cutoffs = {g: _dec(grades_raw.get(g), f"evaluation.grades.{g}") for g in GRADES}
    if not HUNDRED >= cutoffs["excellent"] > cutoffs["good"] > cutoffs["pass"] > 0:
        raise _error(
            "evaluation.grades: 分数线须满足 100 ≥ excellent > good > pass > 0，"
            f"现为 {cutoffs['excellent']}、{cutoffs['good']}、{cutoffs['pass']}"
        )
    fail_outcome = raw.get("fail_outcome", "rectify")
    if fail_outcome not in FAIL_OUTCOMES:
        raise _error(f"evaluation.fail_outcome: 只能是 rectify 或 revoke，而不是 {fail_outcome!r}")
    years = raw.get("preparatory_review_years", 2)
    months = raw.get("rectification_months", 6)
    for name, value, top in (("preparatory_review_years", years, 10), ("rectification_months", months, 36)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
            raise _error(f"evaluation.{name}: 须为 1 至 {top} 的整数")
    return IndicatorSystem(
        version=str(raw.get("version") or "1"), levels=tuple(levels), cutoffs=cutoffs, fail_outcome=fail_outcome,
        preparatory_review_years=years, rectification_months=months, raw=raw,
    )


def _section_of(policy_or_raw) -> dict | None:
    if isinstance(policy_or_raw, dict):
        return policy_or_raw if "indicators" in policy_or_raw else policy_or_raw.get("evaluation")
    for attr in ("raw", "data", "document"):
        doc = getattr(policy_or_raw, attr, None)
        if isinstance(doc, dict) and "evaluation" in doc:
            return doc["evaluation"]
    section = getattr(policy_or_raw, "evaluation", None)
    return section if isinstance(section, dict) else None


def load_indicator_system(policy_or_raw=None) -> IndicatorSystem:
    """The indicator system of a policy (object or parsed YAML), of the raw section, or of the policy in force."""

    source = policy_or_raw if policy_or_raw is not None else current_policy()
    section = _section_of(source)
    if section is None:
        raise PolicyError(getattr(source, "path", None), "evaluation", "the policy has no evaluation section (Art. 16)")
    return validate_evaluation_section(section)


def system_from_snapshot(snapshot: dict) -> IndicatorSystem:
    """The system frozen on a round when it opened (later policy changes do not alter a running round)."""
    return validate_evaluation_section(snapshot)
