"""Writing and verifying audit events. Every business write calls `record` inside its transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.utils import timezone

from . import chain
from .models import ChainHead, Event


def _jsonable(data: dict) -> dict:
    # Round-trip so what is hashed is exactly what the JSON column gives back on every database.
    return json.loads(json.dumps(data or {}, ensure_ascii=False, default=str, sort_keys=True))


def object_ref(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    if isinstance(obj, tuple):
        return obj
    return obj._meta.label_lower, str(obj.pk)


def record(action: str, *, actor=None, role: str = "", obj=None, data: dict | None = None, ip=None) -> Event:
    """Append one event. Must run inside the caller's transaction so it commits or rolls back with it."""
    object_type, object_id = object_ref(obj)
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        # Microsecond precision in UTC so the value hashed equals the value read back.
        at = timezone.now().astimezone(UTC)
        seq = head.last_seq + 1
        payload = _jsonable(data)
        actor_id = actor.pk if actor is not None and getattr(actor, "pk", None) else None
        actor_name = str(actor) if actor_id else ""
        body = chain.canonical_body(
            version=chain.CURRENT_VERSION,
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_name=actor_name,
            role=role,
            action=action,
            object_type=object_type,
            object_id=object_id,
            data=payload,
            ip=ip,
        )
        digest = chain.link(head.last_hash, body)
        event = Event(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_name=actor_name,
            role=role,
            action=action,
            object_type=object_type,
            object_id=object_id,
            data=payload,
            ip=ip,
            prev_hash=head.last_hash,
            hash=digest,
            canonical_version=chain.CURRENT_VERSION,
        )
        event.save(force_insert=True)
        ChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=digest)
    return event


@dataclass
class VerifyResult:
    ok: bool
    count: int
    broken_seq: int | None = None
    problem: str = ""


def verify(batch: int = 2000, using: str = "default") -> VerifyResult:
    """Recompute the chain from the first event; report the first event whose link does not hold.

    `using` names another database alias, e.g. a restored copy checked before it replaces the live one."""
    prev = chain.GENESIS
    expected_seq = 1
    count = 0
    for event in Event.objects.using(using).order_by("seq").iterator(chunk_size=batch):
        if event.seq != expected_seq:
            return VerifyResult(False, count, event.seq, f"event #{expected_seq} is missing")
        if event.prev_hash != prev:
            return VerifyResult(False, count, event.seq, "prev_hash does not match the previous event")
        if event.canonical_version not in chain.VERSIONS:
            return VerifyResult(False, count, event.seq, f"unknown canonical form v{event.canonical_version}")
        if chain.link(prev, chain.event_body(event)) != event.hash:
            return VerifyResult(False, count, event.seq, "content does not match its hash")
        prev = event.hash
        expected_seq += 1
        count += 1
    head = ChainHead.objects.using(using).filter(pk=1).first()
    if head and head.last_seq != count:
        return VerifyResult(False, count, count + 1, f"chain head says {head.last_seq} events, found {count}")
    return VerifyResult(True, count)


def timeline(obj):
    object_type, object_id = object_ref(obj)
    return Event.objects.filter(object_type=object_type, object_id=object_id).select_related("actor")
