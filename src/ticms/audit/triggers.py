"""Database triggers that make audit events append-only beneath the ORM, and the one sanctioned way around them.

SQLite: BEFORE UPDATE / BEFORE DELETE triggers abort the statement (SQLite has no TRUNCATE; it deletes).
PostgreSQL: a row trigger refuses UPDATE and DELETE (migration 0002) and a statement trigger refuses TRUNCATE.

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
