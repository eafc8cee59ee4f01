"""Checks several imports share: duplicates within the file, organisations by credit code, policy fields."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from ticms.accounts.models import Organisation

from ..spec import Problems, Row


def duplicates_in_file(
    rows: list[Row], problems: Problems, key: Callable[[Row], Hashable | None], column: str, what: str
) -> None:
    first: dict = {}
    for row in rows:
        value = key(row)
        if value is None:
            continue
        if value in first:
            problems.add(row.number, column, f"与第{first[value]}行重复（{what}）。")
        else:
            first[value] = row.number


def organisations(rows: list[Row], keys: tuple[str, ...]) -> dict[str, Organisation]:
    """The organisations the rows name by credit code, in one query."""
    wanted: set[str] = set()
    for row in rows:
        for key in keys:
            value = row.values.get(key)
            if isinstance(value, list):
                wanted.update(value)
            elif value:
                wanted.add(value)
    return {
        o.credit_code: o for o in Organisation.objects.filter(credit_code__in=wanted).select_related("competent_unit")
    }


def unknown_organisation(code: str) -> str:
    return f"系统中没有统一社会信用代码为“{code}”的单位，请先登记该单位或核对代码。"


def check_fields(rows: list[Row], problems: Problems, key: str) -> None:
    from ticms.applications.policy_adapter import field_names

    known = set(field_names())
    for row in rows:
        value = row.values.get(key)
        for name in value if isinstance(value, list) else [value] if value else []:
            if name not in known:
                problems.add(
                    row.number, key, f"“{name}”不是政策文件中的产业集群（领域），可选：{'、'.join(sorted(known))}。"
                )
