"""The measures as code (DESIGN §5, §6): the policy file, the eligibility rules, the naming rule, working days.

Other apps call:
    current_policy() -> Policy              the policy of this installation (cached; reset_policy_cache())
    load_policy(path) -> Policy             any policy file, validated (PolicyError names file and key)
    ticms.policy.rules.evaluate_eligibility(facts, policy=None, on=None) -> list[RuleResult]
    ticms.policy.rules.is_senior_title(title, policy=None) -> bool | None
    ticms.policy.naming.official_name(field_name, policy=None) / check_official_name(name, policy=None)
    ticms.policy.calendar.period_end(start, days=None, unit=None) / is_working_day(d) / format_period_zh(a, b)
"""

from .loader import Policy, PolicyError, current_policy, load_policy, reset_policy_cache

__all__ = ["Policy", "PolicyError", "current_policy", "load_policy", "reset_policy_cache"]
