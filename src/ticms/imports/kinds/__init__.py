"""The imports the system offers, by kind (the URL and command name)."""

from __future__ import annotations

from ticms.errors import ServiceError

from ..spec import ImportSpec


def specs() -> dict[str, ImportSpec]:
    from . import calendar, centers, experts, outputs

    return {spec.kind: spec for spec in (experts.SPEC, centers.SPEC, outputs.SPEC, calendar.SPEC)}


def spec_for(kind: str) -> ImportSpec:
    try:
        return specs()[kind]
    except KeyError:
        raise ServiceError(
            "unknown_import", f"没有名为“{kind}”的导入，可选：{'、'.join(specs())}。", status=404
        ) from None
