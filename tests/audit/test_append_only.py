"""Audit events cannot be changed or removed through the database either, on SQLite and PostgreSQL."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from ticms.audit.models import Event
from ticms.audit.services import record, verify


def _refused(fn):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        fn()


@pytest.mark.django_db
def test_queryset_update_and_delete_are_refused(bureau_officer):
    event = record("test.action", actor=bureau_officer)
    _refused(lambda: Event.objects.filter(seq=event.seq).update(action="other"))
    _refused(lambda: Event.objects.filter(seq=event.seq).delete())
    _refused(lambda: Event.objects.all().delete())
    assert Event.objects.get(seq=event.seq).action == "test.action"


@pytest.mark.django_db
def test_raw_sql_update_and_delete_are_refused(bureau_officer):
    event = record("test.action", actor=bureau_officer)
    for sql in (f"UPDATE audit_event SET actor_name = 'x' WHERE seq = {event.seq}",
                f"DELETE FROM audit_event WHERE seq = {event.seq}",
                "DELETE FROM audit_event"):
        def run(sql=sql):
            with connection.cursor() as cur:
                cur.execute(sql)
        _refused(run)
    assert verify().ok


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE (DELETE is refused above)")
def test_postgresql_refuses_truncate(bureau_officer):
    record("test.action", actor=bureau_officer)

    def run():
        with connection.cursor() as cur:
            # Check the event's foreign keys now, or PostgreSQL refuses TRUNCATE for pending checks instead.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("TRUNCATE audit_event")
    _refused(run)
    assert Event.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_test_flush_empties_the_log_and_leaves_the_guard_in_place(bureau_officer):
    record("test.action", actor=bureau_officer)
    call_command("flush", interactive=False, verbosity=0)
    assert not Event.objects.exists()
    event = record("test.again")
    _refused(lambda: Event.objects.filter(seq=event.seq).delete())
