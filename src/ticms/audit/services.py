"""Writing and verifying audit events. Every business write calls `record` inside its transaction."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from datetime import UTC

from django.db import connections, transaction
from django.db.models import Max
from django.utils import timezone

from . import chain, checkpoints, sealing
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


def record(action: str, *, actor=None, role: str = "", obj=None, data: dict | None = None, ip=None,
           using: str = "default") -> Event:
    """Append one event, unsealed, inside the caller's transaction: it commits or rolls back with it. It is
    linked into the hash chain right after the commit (`sealing.seal_after_commit`); no lock is taken here, so
    audited writes do not queue behind one another (docs/architecture.md, "Sealing after commit")."""
    object_type, object_id = object_ref(obj)
    actor_id = actor.pk if actor is not None and getattr(actor, "pk", None) else None
    event = Event(
        # Microsecond precision in UTC so the value hashed equals the value read back.
        at=timezone.now().astimezone(UTC),
        actor_id=actor_id,
        actor_name=str(actor) if actor_id else "",
        role=role,
        action=action,
        object_type=object_type,
        object_id=object_id,
        data=_jsonable(data),
        ip=ip,
        canonical_version=chain.CURRENT_VERSION,
    )
    Event.objects.using(using).bulk_create([event])  # one INSERT, no save() machinery (events never change)
    seq = event.seq
    transaction.on_commit(lambda: sealing.seal_after_commit(seq, using), using=using, robust=True)
    return event


def newest_seq() -> int:
    """The sequence number of the newest event committed (0 for an empty log): the generation of everything
    audited, which caches key on (`ticms.totals`, the workbench), and the unfiltered log's size on SQLite (events
    are never deleted). Plain SQL: read on every list page, where the ORM's compiling costs more than the index
    lookup."""
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT MAX(seq) FROM {connections['default'].ops.quote_name(Event._meta.db_table)}")
        return cursor.fetchone()[0] or 0


@dataclass
class VerifyResult:
    ok: bool
    count: int
    broken_seq: int | None = None
    problem: str = ""
    unsealed: int = 0  # events written but not yet sealed (not part of `count`)
    checkpoint: int = 0  # the chain position verify started after (0: from the first event)
    last_hash: str = ""


_VERIFY_FIELDS = ("chain_no", "seq", "at", "actor_id", "actor_name", "role", "action", "object_type", "object_id",
                  "data", "ip", "prev_hash", "hash", "canonical_version")


def verify(batch: int = 5000, using: str = "default", processes: int = 1, smallest_range: int = 50_000,
           stale_after: datetime.timedelta | None = None, from_checkpoint: bool = False) -> VerifyResult:
    """Recompute the chain from its first event, in chain order; report the first event whose link does not hold.

    Every sealed event is re-hashed, every time (no checkpoint is trusted). Rows are streamed as plain tuples
    through a server-side cursor on PostgreSQL (`.iterator`), not model instances. `processes` > 1 (PostgreSQL,
    outside a transaction: the command line) splits the chain into ranges verified side by side, each range's
    first link checked against the range before it. `using` names another database alias, e.g. a restored copy
    checked before it replaces the live one.

    Unsealed events are counted, not verified (they have no hash yet). With `stale_after`, one left unsealed for
    longer (the sealer did not run: a process died between its commit and the seal) is a finding.

    `from_checkpoint`: start after the newest signed checkpoint that holds (`checkpoints.py`) instead of the
    first event; the count still includes the events before it."""
    head = ChainHead.objects.using(using).filter(pk=1).values_list("last_seq", "last_hash").first() or (0, None)
    start_no, start_hash = (checkpoints.start(using) or (0, chain.GENESIS)) if from_checkpoint else (0, chain.GENESIS)
    result = None
    if processes > 1 and connections[using].vendor == "postgresql" and not connections[using].in_atomic_block:
        ranges = _ranges(using, processes, smallest_range, start_no + 1)
        if len(ranges) > 1:
            result = _verify_ranges(using, batch, processes, ranges, start_no, start_hash)
    if result is None:
        count, _first_prev, last, failure = _verify_range(using, start_no + 1, None, batch, start_hash)
        if failure:
            failure.count += start_no
        result = failure or VerifyResult(True, start_no + count, last_hash=last)
    result.checkpoint = start_no
    if result.ok:
        last_hash = result.last_hash
        result = _check_head(using, result.count, head)
        result.checkpoint, result.last_hash = start_no, last_hash
    result.unsealed = sealing.pending(using).count()
    if result.ok and stale_after is not None:
        stale = sealing.pending(using).filter(at__lt=timezone.now() - stale_after)
        oldest = stale.order_by("seq").values_list("seq", flat=True).first()
        if oldest is not None:
            result.ok, result.broken_seq = False, oldest
            result.problem = (f"{stale.count()} events unsealed for over {int(stale_after.total_seconds())} s "
                              f"(the first #{oldest}): run `ticms audit seal`")
    return result


def _check_head(using: str, count: int, head) -> VerifyResult:
    """The chain must reach the head as it was when verify began (sealing may have gone on since)."""
    last_no, last_hash = head
    if count < last_no:
        return VerifyResult(False, count, None, f"chain head says {last_no} events, found {count}")
    if last_no and Event.objects.using(using).filter(chain_no=last_no).values_list("hash", flat=True).first() \
            != last_hash:
        return VerifyResult(False, count, None, f"the chain head's hash is not event no. {last_no}'s")
    return VerifyResult(True, count)


def _missing(lo_no: int, count: int, seq: int | None) -> str:
    return f"chain position {lo_no + count} is missing" + (f" (before event #{seq})" if seq else "")


def _verify_range(using: str, lo: int, hi: int | None, batch: int, prev: str | None):
    """Verify chain positions lo..hi (hi None: to the end). `prev` is the hash the first one must link to, or
    None to take its stored prev_hash (checked by the caller against the range before). Returns (events
    verified, the first event's prev_hash, the last event's hash, a failed VerifyResult or None); the count in a
    failure is relative to `lo`."""
    qs = Event.objects.using(using).filter(chain_no__gte=lo)
    if hi is not None:
        qs = qs.filter(chain_no__lte=hi)
    rows = qs.order_by("chain_no").values_list(*_VERIFY_FIELDS).iterator(chunk_size=batch)
    count, first_prev = 0, None
    body_of, link, versions = chain.canonical_body, chain.link, chain.VERSIONS
    for (no, seq, at, actor_id, actor_name, role, action, object_type, object_id, data, ip, prev_hash, digest,
         version) in rows:
        if count == 0:
            first_prev = prev_hash
            prev = prev_hash if prev is None else prev
        if no != lo + count:
            return count, first_prev, prev, VerifyResult(False, count, seq, _missing(lo, count, seq))
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
        after = (Event.objects.using(using).filter(chain_no__gt=hi).order_by("chain_no")
                 .values_list("seq", flat=True).first())
        return count, first_prev, prev, VerifyResult(False, count, after, _missing(lo, count, after))
    return count, first_prev, prev, None


def _ranges(using: str, processes: int, smallest: int, first: int = 1) -> list[tuple[int, int | None]]:
    last = Event.objects.using(using).aggregate(n=Max("chain_no"))["n"] or 0
    size = max(smallest, -(-(last - first + 1) // (processes * 4)))
    bounds = [(lo, lo + size - 1) for lo in range(first, last + 1, size)]
    if bounds:
        bounds[-1] = (bounds[-1][0], None)  # the last range reads to the end, events sealed meanwhile too
    return bounds


def _verify_chunk(args):
    using, lo, hi, batch, first_prev = args
    try:
        return _verify_range(using, lo, hi, batch, first_prev)
    finally:
        connections.close_all()


def _verify_ranges(using: str, batch: int, processes: int, ranges, start_no: int = 0,
                   start_hash: str = chain.GENESIS) -> VerifyResult:
    # Each process opens its own connection: none may inherit the parent's socket.
    connections.close_all()
    import multiprocessing  # only `ticms audit verify` forks; a web worker need not hold it

    with multiprocessing.get_context("fork").Pool(processes) as pool:
        jobs = [(using, lo, hi, batch, start_hash if k == 0 else None) for k, (lo, hi) in enumerate(ranges)]
        results = pool.map(_verify_chunk, jobs, chunksize=1)
    done, prev = start_no, start_hash
    for (lo, _hi), (count, first_prev, last_hash, failure) in zip(ranges, results, strict=True):
        if count and first_prev != prev:
            seq = Event.objects.using(using).filter(chain_no=lo).values_list("seq", flat=True).first()
            return VerifyResult(False, done, seq, "prev_hash does not match the previous event")
        if failure is not None:
            failure.count += done
            return failure
        done += count
        prev = last_hash
    return VerifyResult(True, done, last_hash=prev)


def timeline(obj):
    object_type, object_id = object_ref(obj)
    return Event.objects.filter(object_type=object_type, object_id=object_id).select_related("actor")
