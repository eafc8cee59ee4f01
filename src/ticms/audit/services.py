"""Writing and verifying audit events. Every business write calls `record` inside its transaction."""

from __future__ import annotations

import json
import multiprocessing
from dataclasses import dataclass
from datetime import UTC

from django.db import connections, transaction
from django.db.models import Max
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
    # Everything that does not depend on the chain head is prepared before its lock is taken: every audited
    # write in the system waits for that lock, so what happens under it is kept to two statements and a hash.
    payload = _jsonable(data)
    actor_id = actor.pk if actor is not None and getattr(actor, "pk", None) else None
    actor_name = str(actor) if actor_id else ""
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().only("last_seq", "last_hash").filter(pk=1).first()
        if head is None:
            head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        # Microsecond precision in UTC so the value hashed equals the value read back.
        at = timezone.now().astimezone(UTC)
        seq = head.last_seq + 1
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
        Event.objects.bulk_create([event])  # one INSERT, no save() machinery (events never change)
        ChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=digest)
    return event


@dataclass
class VerifyResult:
    ok: bool
    count: int
    broken_seq: int | None = None
    problem: str = ""


_VERIFY_FIELDS = ("seq", "at", "actor_id", "actor_name", "role", "action", "object_type", "object_id", "data", "ip",
                  "prev_hash", "hash", "canonical_version")


def verify(batch: int = 5000, using: str = "default", processes: int = 1, smallest_range: int = 50_000
           ) -> VerifyResult:
    """Recompute the chain from the first event; report the first event whose link does not hold.

    Every event is re-hashed, every time (no checkpoint is trusted). Rows are streamed as plain tuples through a
    server-side cursor on PostgreSQL (`.iterator`), not model instances: at a million events that is most of
    the difference between a minute and a few seconds. `processes` > 1 (PostgreSQL, outside a transaction: the
    command line) splits the sequence into ranges verified side by side, each range's first link checked
    against the range before it. `using` names another database alias, e.g. a restored copy checked before it
    replaces the live one."""
    if processes > 1 and connections[using].vendor == "postgresql" and not connections[using].in_atomic_block:
        ranges = _ranges(using, processes, smallest_range)
        if len(ranges) > 1:
            return _verify_ranges(using, batch, processes, ranges)
    count, _first_prev, _last, failure = _verify_range(using, 1, None, batch, chain.GENESIS)
    return failure or _check_head(using, count)


def _check_head(using: str, count: int) -> VerifyResult:
    head = ChainHead.objects.using(using).filter(pk=1).first()
    if head and head.last_seq != count:
        return VerifyResult(False, count, count + 1, f"chain head says {head.last_seq} events, found {count}")
    return VerifyResult(True, count)


def _verify_range(using: str, lo: int, hi: int | None, batch: int, prev: str | None):
    """Verify events lo..hi (hi None: to the end). `prev` is the hash the first one must link to, or None to
    take its stored prev_hash (checked by the caller against the range before). Returns (events verified,
    the first event's prev_hash, the last event's hash, a failed VerifyResult or None); the count in a failure
    is relative to `lo`."""
    qs = Event.objects.using(using).filter(seq__gte=lo)
    if hi is not None:
        qs = qs.filter(seq__lte=hi)
    rows = qs.order_by("seq").values_list(*_VERIFY_FIELDS).iterator(chunk_size=batch)
    count, first_prev = 0, None
    body_of, link, versions = chain.canonical_body, chain.link, chain.VERSIONS
    for (seq, at, actor_id, actor_name, role, action, object_type, object_id, data, ip, prev_hash, digest,
         version) in rows:
        if count == 0:
            first_prev = prev_hash
            prev = prev_hash if prev is None else prev
        if seq != lo + count:
            return count, first_prev, prev, VerifyResult(False, count, seq, f"event #{lo + count} is missing")
        if prev_hash != prev:
            return count, first_prev, prev, VerifyResult(False, count, seq,
                                                         "prev_hash does not match the previous event")
        if version not in versions:
            return count, first_prev, prev, VerifyResult(False, count, seq, f"unknown canonical form v{version}")
        body = body_of(version=version, seq=seq, at=at, actor_id=actor_id, actor_name=actor_name, role=role,
                       action=action, object_type=object_type, object_id=object_id, data=data, ip=ip)
        if link(prev, body) != digest:
            return count, first_prev, prev, VerifyResult(False, count, seq, "content does not match its hash")
        prev = digest
        count += 1
    if hi is not None and count < hi - lo + 1:
        return count, first_prev, prev, VerifyResult(False, count, lo + count, f"event #{lo + count} is missing")
    return count, first_prev, prev, None


def _ranges(using: str, processes: int, smallest: int) -> list[tuple[int, int | None]]:
    last = Event.objects.using(using).aggregate(n=Max("seq"))["n"] or 0
    size = max(smallest, -(-last // (processes * 4)))
    bounds = [(lo, lo + size - 1) for lo in range(1, last + 1, size)]
    if bounds:
        bounds[-1] = (bounds[-1][0], None)  # the last range reads to the end, events appended meanwhile too
    return bounds


def _verify_chunk(args):
    using, lo, hi, batch = args
    try:
        return _verify_range(using, lo, hi, batch, chain.GENESIS if lo == 1 else None)
    finally:
        connections.close_all()


def _verify_ranges(using: str, batch: int, processes: int, ranges) -> VerifyResult:
    # Each process opens its own connection: none may inherit the parent's socket.
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(_verify_chunk, [(using, lo, hi, batch) for lo, hi in ranges], chunksize=1)
    done, prev = 0, chain.GENESIS
    for (lo, _hi), (count, first_prev, last_hash, failure) in zip(ranges, results, strict=True):
        if count and first_prev != prev:
            return VerifyResult(False, done, lo, "prev_hash does not match the previous event")
        if failure is not None:
            failure.count += done
            return failure
        done += count
        prev = last_hash
    return _check_head(using, done)


def timeline(obj):
    object_type, object_id = object_ref(obj)
    return Event.objects.filter(object_type=object_type, object_id=object_id).select_related("actor")
