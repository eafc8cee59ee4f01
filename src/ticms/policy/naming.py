"""The naming rule of Art. 9(4): a recognized center is named 朔州市××技术创新中心, ×× being its field."""

from __future__ import annotations

import datetime
import re

from ticms.workflow.core import Reason

from .loader import Policy, current_policy


def _pattern(policy: Policy | None, on: datetime.date | None) -> tuple[Policy, str]:
    policy = policy or current_policy()
    return policy, policy.param("official_name_pattern", on)


def official_name(field_name: str, policy: Policy | None = None, on: datetime.date | None = None) -> str:
    """朔州市{field}技术创新中心 with the field filled in (the pattern comes from the policy)."""
    _policy, pattern = _pattern(policy, on)
    return pattern.replace("{field}", (field_name or "").strip())


def field_of_official_name(name: str, policy: Policy | None = None, on: datetime.date | None = None) -> str | None:
    """The ×× of a name that follows the pattern, or None."""
    _policy, pattern = _pattern(policy, on)
    before, after = pattern.split("{field}", 1)
    match = re.fullmatch(re.escape(before) + r"(?P<field>.+?)" + re.escape(after), (name or "").strip())
    return match.group("field") if match else None


def check_official_name(name: str, policy: Policy | None = None, on: datetime.date | None = None) -> list[Reason]:
    """Why `name` is not an acceptable official name (empty when it is): used by renames (Art. 15)."""
    policy, pattern = _pattern(policy, on)
    name = (name or "").strip()
    example = pattern.replace("{field}", "××")
    if not name:
        return [Reason("name_missing", "名称不能为空。", "9(4)")]
    field = field_of_official_name(name, policy, on)
    if field is None:
        return [Reason("name_pattern", f"名称“{name}”不符合统一命名格式“{example}”。", "9(4)")]
    if not field.strip() or "{" in field or "}" in field:
        return [Reason("name_field", f"名称“{name}”中缺少领域名称。", "9(4)")]
    return []
