"""What an opinion is scored against, per panel purpose.

Recognition uses the policy's `review_indicators` (Art. 9(3)); the evaluation app registers its own:

    from ticms.reviews.purposes import register_purpose
    register_purpose("evaluation", indicators=lambda panel: [...], recommendations=[("retain", "保留"), ...],
                     article="16")

`indicators(panel)` returns objects or dicts with code, name, max (and optionally article).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ticms.errors import ServiceError
from ticms.policy import current_policy
from ticms.policy.document import ReviewIndicator


@dataclass(frozen=True)
class Indicator(ReviewIndicator):
    """An indicator as an opinion scores it: the policy's review indicator or an evaluation's, `max` a Decimal."""

    max: Decimal


@dataclass(frozen=True)
class PurposeSpec:
    indicators: Callable[[object], list]
    recommendations: list[tuple[str, str]]
    article: str = ""


_purposes: dict[str, PurposeSpec] = {}

RECOGNITION_RECOMMENDATIONS = [
    ("recognize", "建议认定"),
    ("preparatory", "建议列为筹建"),
    ("reject", "不予认定"),
]


def register_purpose(purpose: str, indicators: Callable[[object], list], recommendations, article: str = "") -> None:
    _purposes[purpose] = PurposeSpec(indicators, list(recommendations), article)


def recommendation_labels() -> dict[str, str]:
    """Every purpose's recommendation codes and labels (recognize → 建议认定, retain → 保留 …), for the audit log."""
    return {str(code): str(label) for spec in _purposes.values() for code, label in spec.recommendations}


def spec_for(purpose: str) -> PurposeSpec:
    try:
        return _purposes[purpose]
    except KeyError as exc:
        raise ServiceError("unknown_purpose", f"未登记的评审用途：{purpose}。", status=422) from exc


def _get(item, name, default=None):
    return item.get(name, default) if isinstance(item, dict) else getattr(item, name, default)


def indicators_for(panel) -> list[Indicator]:
    out = []
    for item in spec_for(panel.purpose).indicators(panel):
        out.append(
            Indicator(
                code=str(_get(item, "code")),
                name=str(_get(item, "name")),
                max=Decimal(str(_get(item, "max"))),
                article=str(_get(item, "article", "") or ""),
            )
        )
    return out


def recommendations_for(purpose: str) -> list[tuple[str, str]]:
    return spec_for(purpose).recommendations


def recommendation_label(purpose: str, code: str | None) -> str:
    if not code:
        return ""
    return dict(_purposes[purpose].recommendations).get(code, code) if purpose in _purposes else code


def _recognition_indicators(panel) -> list:
    return list(current_policy().review_indicators)


register_purpose("recognition", _recognition_indicators, RECOGNITION_RECOMMENDATIONS, article="9(3)")
