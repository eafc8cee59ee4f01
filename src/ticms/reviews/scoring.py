"""Panel arithmetic: the trimmed mean of the totals and the majority recommendation (DESIGN §4.2)."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TRIM_FROM = 5  # with five or more experts the highest and the lowest total are dropped


def trimmed_mean(values) -> Decimal | None:
    numbers = sorted(Decimal(str(v)) for v in values)
    if not numbers:
        return None
    if len(numbers) >= TRIM_FROM:
        numbers = numbers[1:-1]
    return (sum(numbers) / Decimal(len(numbers))).quantize(CENT, rounding=ROUND_HALF_UP)


def majority(recommendations) -> str | None:
    """The most frequent recommendation; None when there is none or the top is tied."""
    counts = Counter(r for r in recommendations if r).most_common()
    if not counts:
        return None
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        return None
    return counts[0][0]


def mean(values) -> Decimal | None:
    numbers = [Decimal(str(v)) for v in values]
    if not numbers:
        return None
    return (sum(numbers) / Decimal(len(numbers))).quantize(CENT, rounding=ROUND_HALF_UP)
