"""Sealing: linking committed events into the SM3 chain, after the transactions that wrote them.

Business transactions only insert events (`services.record`), so they never wait for one another on the audit
log. A sealer takes the chain-head row lock for a short transaction of its own, reads the committed unsealed
events in `seq` order, hashes each onto the previous one and sets `chain_no`, `prev_hash` and `hash` once (the
only UPDATE the append-only triggers allow). Events of transactions still open are invisible to it and are sealed
by a later pass, after their commit; an event of a transaction that rolls back vanishes with it, unsealed.

Who seals: `record` registers `seal_after_commit` with `transaction.on_commit`; the worker's `audit_seal` job and
`ticms audit seal` pick up whatever a crashed process left. Running it twice seals nothing twice: under the lock,
a sealed event is no longer pending.

After commit the writers do not queue for the lock (that queue is what held appending to ~80 events/s). On
PostgreSQL a writer asks, in one statement, "is my event still unsealed, and if so may I have the sealers'
advisory lock?" and returns at once when it is sealed already or another writer is sealing. Every sealer looks
for pending events again after it lets the advisory lock go and seals again if it finds any, so an event
committed while another writer seals is sealed by that writer's next pass (which looks after the event's
commit) or by whoever holds the lock then: one writer ends up sealing for all of them, in batches. On SQLite
writes are serialised by the database anyway: a writer whose event is unsealed seals.
"""

from __future__ import annotations

import logging

from django.db import connections, transaction

from . import chain
from .models import ChainHead, Event

logger = logging.getLogger(__name__)

_CONTENT = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "role",
    "action",
    "object_type",
    "object_id",
    "data",
    "ip",
    "canonical_version",
)
_SET = "UPDATE audit_event SET chain_no = %s, prev_hash = %s, hash = %s WHERE seq = %s AND hash IS NULL"


def pending(using: str = "default"):
    return Event.objects.using(using).filter(hash__isnull=True)


def seal(batch: int = 1000, using: str = "default") -> int:
    """Seal every committed unsealed event, oldest `seq` first, in batches of `batch`; return how many."""
    sealed = 0
    while True:
        n = _seal_batch(batch, using)
        sealed += n
        if n < batch:
            return sealed


def _seal_batch(batch: int, using: str) -> int:
    body_of, link = chain.canonical_body, chain.link
    with transaction.atomic(using=using):
        head = ChainHead.objects.using(using).select_for_update().filter(pk=1).first()
        if head is None:
            head, _ = ChainHead.objects.using(using).select_for_update().get_or_create(pk=1)
        # Read after the lock is held: in READ COMMITTED this sees what the previous holder sealed.
        # Each row's keys are canonical_body's arguments (the version as stored beside the event).
        rows = list(pending(using).order_by("seq").values(*_CONTENT)[:batch])
        if not rows:
            return 0
        no, prev, params = head.last_seq, head.last_hash, []
        for row in rows:
            no += 1
            digest = link(prev, body_of(version=row.pop("canonical_version"), **row))
            params.append((no, prev, digest, row["seq"]))
            prev = digest
        with connections[using].cursor() as cursor:
            cursor.executemany(_SET, params)
        ChainHead.objects.using(using).filter(pk=1).update(last_seq=no, last_hash=prev)
    return len(rows)


_SEALERS = 0x5EA1  # the advisory lock that elects, among writers just committed, the one that seals
_MINE = "SELECT pg_try_advisory_lock(%s) FROM audit_event WHERE seq = %s AND hash IS NULL"
_ANY = "SELECT pg_try_advisory_lock(%s) FROM (SELECT 1 FROM audit_event WHERE hash IS NULL LIMIT 1) AS p"


def seal_after_commit(seq: int, using: str = "default") -> None:
    """What `record` runs after its transaction commits (autocommit: each statement stands alone)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        if pending(using).filter(seq=seq).exists():
            seal(using=using)
        return
    sql, params = _MINE, [_SEALERS, seq]
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
            if not (row and row[0]):
                return  # sealed already, or another writer is sealing and will look again when it lets go
            try:
                seal(using=using)
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_SEALERS])
        # Looked at after letting go: an event whose writer found the lock taken is seen here.
        sql, params = _ANY, [_SEALERS]
