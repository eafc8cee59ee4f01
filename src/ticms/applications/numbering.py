"""申报编号: SZCX-<year of its call>-<per-year sequence, four digits>, e.g. SZCX-2026-0004.

The sequence is a counter row per year, bumped with one UPDATE (a row lock on PostgreSQL; SQLite writes one at a
time), inside the transaction that inserts the application, so two simultaneous creations never get the same
number; the unique constraint on `Application.number` is the last guard. The counter is
`models.ApplicationSequence.take(year)`; this module only knows the format, so the model can import it.
"""

from __future__ import annotations

PREFIX = "SZCX"


def format_number(year: int, seq: int) -> str:
    return f"{PREFIX}-{year}-{seq:04d}"
