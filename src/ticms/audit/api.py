"""The audit log for programs: a log collector (SOC, SIEM) pulls every event once, in order, and resumes after the
last one it has (`?after=<chain_no>`), with the filters of the /audit/ page.

Only sealed events are given, in chain order: they are final (hash and link set), and chain positions are handed
out at sealing, in order, so an event whose transaction committed late still comes after what the collector has
(paging by `seq` would skip it). Audit administrators only (separation of duties, docs/security.md); reading
writes no event, so a collector polling the log does not feed it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from ticms.accounts.roles import Role, require_role
from ticms.errors import ServiceError
from ticms.paging import after_param, keyset, limit_param
from ticms.web.audit_filter import estimated_total, filtered_events

router = Router(tags=["audit"])

FIELDS = ("seq", "chain_no", "at", "actor_id", "actor_name", "role", "action", "object_type", "object_id", "data",
          "ip", "prev_hash", "hash")


@router.get("/audit/events", response=list[dict], summary="Sealed audit events after a chain position (audit admins)")
def list_events(request: HttpRequest, response: HttpResponse, after: int = after_param(),
                limit: int = limit_param(), action: str = "", actor: str = "", object: str = "",
                date_from: str = "", date_to: str = ""):
    require_role(request.auth, Role.AUDIT_ADMIN, doing="读取审计日志")
    given = {k: v for k, v in {"action": action, "actor": actor, "object": object, "date_from": date_from,
                               "date_to": date_to}.items() if v}
    form, qs = filtered_events(given or None)
    if given and not form.is_valid():
        # The page shows a bad filter beside its field and applies the rest; a program is told instead.
        raise ServiceError("invalid_filter", {name: [str(e) for e in errors] for name, errors in form.errors.items()})
    rows = keyset(request, response, qs.select_related(None), after=after, limit=limit, key="chain_no",
                  total=estimated_total(qs, filtered=bool(given)))
    return [{field: getattr(event, field) for field in FIELDS} | {"at": event.at.isoformat()} for event in rows]

