"""One way to cite the measures: the stable code "9(4)" becomes "第九条第（四）项".

Code and JSON keep the code (programs compare it); people read the citation. The measures number their items
"（一）（二）…", so an item is cited with its parentheses, as the measures themselves print it.

    cite("9(4)")        → 第九条第（四）项
    cite("16")          → 第十六条
    cite("16, 17(2)")   → 第十六条、第十七条第（二）项
"""

from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"
CODE = re.compile(r"^\s*(\d{1,3})(?:\((\d{1,2})\))?\s*$")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 16 → 十六, 20 → 二十, 99 → 九十九 (the numbers articles and items use)."""
    if not 0 < n < 100:
        raise ValueError(f"{n} is not an article or item number")
    tens, ones = divmod(n, 10)
    if not tens:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def _parts(code: str) -> list[tuple[int, int | None]]:
    parts = []
    for piece in str(code).split(","):
        match = CODE.match(piece)
        if not match:
            raise ValueError(f"“{code}” is not an article code such as 9(4) or 16")
        parts.append((int(match[1]), int(match[2]) if match[2] else None))
    return parts


def is_article_code(code: str) -> bool:
    try:
        _parts(code)
    except ValueError:
        return False
    return True


def cite(code: str) -> str:
    """The Chinese citation of an article code ("9(4)", "16", "16, 17(2)"); "" for an empty code.

    Some articles are typed by people (the bureau's reason for a status change); text that is not a code is shown
    as it was written rather than refused, so a page or an API answer never fails on it."""
    code = str(code or "").strip()
    if not code or not is_article_code(code):
        return code
    return "、".join(
        f"第{chinese_number(article)}条" + (f"第（{chinese_number(item)}）项" if item else "")
        for article, item in _parts(code)
    )
