"""Indicator data prefilled from the center's registry of outputs (Art. 14), so the host unit checks figures the
bureau already holds instead of typing them again.

Only what the registry records year by year is prefilled: counts of IP assets, transfers, incubated SMEs and key
technologies, and the income of transfers. A figure with no output behind it stays empty rather than 0 — an
empty registry may mean "not recorded", and the host unit must then say 0 itself. Revenue, R&D spending and staff
are not in the registry by year and are always entered.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum

from ticms.centers.models import Output

# data field code → (output kind, what to take of those outputs)
FROM_OUTPUTS: dict[str, tuple[str, str]] = {
    "ip_assets": (Output.Kind.IP_ASSET, "count"),
    "transfers": (Output.Kind.TRANSFER, "count"),
    "transfer_income": (Output.Kind.TRANSFER, "income"),
    "incubated_smes": (Output.Kind.INCUBATED_SME, "count"),
    "key_technologies": (Output.Kind.KEY_TECHNOLOGY, "count"),
}


def registry_figures(center_ids, years) -> dict[int, dict[str, dict]]:
    """{center id: {"YEAR": {field code: value}}} from the outputs registry, values stored as indicator data is
    (counts as int, money as yuan strings). One query for all centers."""
    years = [int(y) for y in years]
    rows = (Output.objects.filter(center_id__in=list(center_ids), year__in=years)
            .values("center_id", "year", "kind").annotate(n=Count("pk"), income=Sum("income")))
    by_kind: dict[tuple[int, int, str], dict] = {(r["center_id"], r["year"], r["kind"]): r for r in rows}
    out: dict[int, dict[str, dict]] = {}
    for (center_id, year, kind), row in by_kind.items():
        data = out.setdefault(center_id, {}).setdefault(str(year), {})
        for code, (wanted, take) in FROM_OUTPUTS.items():
            if kind != wanted:
                continue
            if take == "count":
                data[code] = row["n"]
            elif row["income"] is not None:
                data[code] = str(Decimal(row["income"]).quantize(Decimal("0.01")))
    return out
