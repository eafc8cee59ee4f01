"""The policy facts this app reads from `ticms.policy` (the measures as code), in one place.

Other apps (reviews) import `field_names` from here too.
"""

from __future__ import annotations

import datetime

from ticms.policy import current_policy
from ticms.policy.naming import official_name as _official_name
from ticms.policy.rules import EligibilityFacts as Facts
from ticms.policy.rules import RuleResult, evaluate_eligibility

__all__ = ["Facts", "RuleResult", "evaluate", "field_names", "official_name"]


def field_names() -> list[str]:
    """The industry clusters of Art. 3(2), from the policy file."""
    return list(current_policy().field_names)


def official_name(field_name: str) -> str:
    """朔州市××技术创新中心 (Art. 9(4))."""
    return _official_name(field_name)


def evaluate(facts: Facts, on: datetime.date | None = None) -> list[RuleResult]:
    """The Art. 8 conditions for these facts, each with its article and evidence."""
    return list(evaluate_eligibility(facts, on=on))
