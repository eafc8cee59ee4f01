"""Checking what callers send: integers in ASCII digits within range, text without NUL.

One place for the rules, used by the pages (`ascii_int`), by the API's parameter types (`Id`, `Offset`, `Limit`,
`Year`) and by `ticms.web.security.InputValidationMiddleware` (NUL anywhere in a query, form or JSON body).
`str.isdigit()` is not a check for this: it accepts "²" and "٣", which `int()` or the database then refuse
with a server error.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

# The largest value a BIGINT primary key or OFFSET holds on PostgreSQL and SQLite.
MAX_DB_INT = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def ascii_int(value, lo: int = 0, hi: int = MAX_DB_INT) -> int | None:
    """The integer `value` spells in ASCII digits, if it lies in [lo, hi]; otherwise None."""
    text = str(value if value is not None else "").strip()
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if lo <= number <= hi else None


def has_nul(value) -> bool:
    """True if a string, or any string inside a list or dict (a parsed JSON body), holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_nul(v) for v in value)
    return False


# django-ninja parameter types: out-of-range values are a 422 validation error, never a database overflow.
Id = Annotated[int, Field(ge=1, le=MAX_DB_INT)]
Offset = Annotated[int, Field(ge=0, le=MAX_DB_INT)]
Limit = Annotated[int, Field(ge=1, le=1000)]
Year = Annotated[int, Field(ge=1900, le=2100)]
# Head counts and other quantities a form holds (staff, IP assets, panel size): within a 32-bit column.
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]
