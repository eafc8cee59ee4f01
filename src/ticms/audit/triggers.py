"""Database triggers that make audit events append-only beneath the ORM, and the one sanctioned way around them.

SQLite: BEFORE UPDATE / BEFORE DELETE triggers abort the statement (SQLite has no TRUNCATE; it deletes).
PostgreSQL: a row trigger refuses UPDATE and DELETE (migration 0002) and a statement trigger refuses TRUNCATE.

Since sealing after commit (migration 0006) one UPDATE is allowed: setting `chain_no`, `prev_hash` and `hash` of
an event that has none of them yet, every other column unchanged (`SEALING_*`). A sealed event cannot be
re-sealed and an unsealed one cannot be edited. SQLITE_UPDATE and PG_FUNCTION_V1 stay as migrations 0002/0004
created them.

`wiping_allowed` exists for emptying a whole throwaway database — the test framework's flush between
transactional tests and the benchmark's fresh start. On PostgreSQL it sets `session_replication_role = replica`
for one transaction, which only a superuser (or a role granted SET on it) may do: the application's own role
in production cannot. On SQLite whoever can open the file can drop a trigger anyway, so it drops and recreates
the DELETE trigger inside the same transaction.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction

SQLITE_UPDATE = (
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END"
)
SQLITE_DELETE = (
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused)'); END"
)
# Every column but the three the sealer sets once.
_CONTENT = ("seq", "at", "actor_id", "actor_name", "role", "action", "object_type", "object_id", "data", "ip",
            "canonical_version")
_SEALS = ("chain_no", "prev_hash", "hash")


def _sealing_only(old: str, new: str, same: str) -> str:
    return " AND ".join([*(f"{old}.{c} IS NULL" for c in _SEALS), *(f"{new}.{c} IS NOT NULL" for c in _SEALS),
                         *(same.format(c=c) for c in _CONTENT)])


SQLITE_UPDATE_SEALING = (
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    f"WHEN NOT ({_sealing_only('OLD', 'NEW', 'NEW.{c} IS OLD.{c}')}) "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END"
)
_PG_SAME = " AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in _CONTENT)
PG_FUNCTION_SEALING = f"""
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN  -- nested: OLD is not assigned in the TRUNCATE statement trigger
        IF OLD.chain_no IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL AND NEW.chain_no IS NOT NULL
           AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL AND {_PG_SAME} THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit events are append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
PG_FUNCTION_V1 = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
PG_TRUNCATE = (
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"
)


@contextmanager
def wiping_allowed(connection):
    """Inside this block (one transaction) the connection may empty audit_event. Not for application code."""
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL session_replication_role = replica")
            elif connection.vendor == "sqlite":
                cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        yield
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(SQLITE_DELETE)
