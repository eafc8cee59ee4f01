"""The random draw of a panel, kept small and pure so anyone can check it (DESIGN §4.2).

Algorithm: take the eligible experts' ids in increasing order, seed Python's `random.Random` with the
integer seed and call `sample(candidates, n)`. A replacement after a recusal is drawn the same way
from the candidates not yet on the panel, with the seed `panel seed + k` for the k-th replacement.

Nobody can steer it: the seed comes from `secrets` and is never typed, and the candidates, their SM3 digest and
the seed are written to the audit chain before the draw is made, so the result can be recomputed and checked.
"""

from __future__ import annotations

import random
import secrets

from ticms.audit.chain import sm3_hex

ALGORITHM_ZH = (
    "将符合条件的候选专家按编号从小到大排列，以审计日志中记录的随机种子初始化 Python 标准库 random.Random(种子)，"
    "调用 sample(候选编号列表, 人数) 依次抽出专家。回避替补时，从尚未入组的候选专家中按同样方法抽取 1 人，"
    "第 k 次替补的种子为“原种子 + k”。同样的种子和候选列表必然得到同样的结果。"
    "候选名单的 SM3 摘要按“编号从小到大、以英文逗号连接”（如 3,8,15）的文字计算。"
)

def new_seed() -> int:
    return secrets.randbits(48)


def candidates_digest(candidate_ids) -> str:
    """SM3 of the candidate ids in increasing order, written as decimal numbers joined by commas ("3,8,15")."""

    return sm3_hex(",".join(str(pk) for pk in sorted(candidate_ids)).encode("ascii"))


def is_eligible(expert, field: str, excluded_org_ids: set[int], tie_ids: set[int]) -> bool:
    """Active, serves the field, not from an excluded unit, no declared tie to one."""
    if not expert.active or field not in (expert.fields or []):
        return False
    if expert.organisation_id and expert.organisation_id in excluded_org_ids:
        return False
    return not (tie_ids & excluded_org_ids)


def eligible_ids(experts, field: str, excluded_org_ids) -> list[int]:
    """`experts` must come with `declared_ties` prefetched."""
    excluded = set(excluded_org_ids)
    return sorted(
        e.pk for e in experts if is_eligible(e, field, excluded, {o.pk for o in e.declared_ties.all()})
    )


def draw(seed: int, candidate_ids: list[int], n: int) -> list[int]:
    return random.Random(seed).sample(sorted(candidate_ids), n)


def replacement_seed(seed: int, k: int) -> int:
    return seed + k
