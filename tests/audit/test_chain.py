import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ticms.audit.models import AppendOnlyError, Event
from ticms.audit.services import record, verify

pytestmark = pytest.mark.django_db


def _three_events(user):
    for i in range(3):
        record("test.action", actor=user, role="bureau_officer", obj=user, data={"n": i, "金额": "2000000.00"})


def test_verify_ok_counts_every_event(bureau_officer, capsys):
    _three_events(bureau_officer)
    result = verify()
    assert result.ok and result.count == Event.objects.count() >= 3
    call_command("audit", "verify")
    assert capsys.readouterr().out.strip() == f"OK {result.count} events"


def test_events_chain_each_to_the_previous(bureau_officer):
    _three_events(bureau_officer)
    events = list(Event.objects.order_by("seq"))
    assert events[0].prev_hash == "0" * 64
    for prev, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == prev.hash


def _disable_pg_guard(cur):
    # On PostgreSQL a trigger refuses the tampering below; a DBA could drop it, and verify must still catch it.
    if connection.vendor == "postgresql":
        cur.execute("SET LOCAL session_replication_role = replica")


def test_tampered_data_is_detected_and_named(bureau_officer):
    _three_events(bureau_officer)
    target = Event.objects.order_by("seq")[1]
    # Bypass the model's append-only guard, as someone editing the database directly would.
    with connection.cursor() as cur:
        _disable_pg_guard(cur)
        cur.execute(
            f"UPDATE {Event._meta.db_table} SET data = %s WHERE seq = %s",
            ['{"n": 99, "金额": "2000000.00"}', target.seq],
        )
    result = verify()
    assert not result.ok and result.broken_seq == target.seq
    with pytest.raises(CommandError, match=f"#{target.seq}"):
        call_command("audit", "verify")


def test_deleted_event_is_detected(bureau_officer):
    _three_events(bureau_officer)
    target = Event.objects.order_by("seq")[1]
    with connection.cursor() as cur:
        _disable_pg_guard(cur)
    Event.objects.filter(seq=target.seq)._raw_delete(Event.objects.db)
    result = verify()
    assert not result.ok and result.broken_seq == target.seq + 1


def test_events_cannot_be_changed_or_deleted_through_the_orm(bureau_officer):
    event = record("test.action", actor=bureau_officer)
    event.action = "other"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_sign_in_success_and_failure_are_recorded(client, applicant):
    client.post("/login/", {"username": applicant.username, "password": "wrong-password"})
    client.post("/login/", {"username": applicant.username, "password": "pass-12345"})
    failed = Event.objects.get(action="auth.sign_in_failed")
    assert failed.data == {"username": applicant.username} and failed.actor is None
    assert Event.objects.filter(action="auth.sign_in", actor=applicant).exists()
    assert verify().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_update_and_delete_of_events(bureau_officer):
    from django.db import DatabaseError, transaction

    event = record("test.action", actor=bureau_officer)
    for sql in (f"UPDATE audit_event SET action = 'x' WHERE seq = {event.seq}",
                f"DELETE FROM audit_event WHERE seq = {event.seq}"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)
