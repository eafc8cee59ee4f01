import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ticms.audit.models import AppendOnlyError, Event
from ticms.audit.sealing import seal
from ticms.audit.services import record, verify

pytestmark = pytest.mark.django_db


def _three_events(user):
    for i in range(3):
        record("test.action", actor=user, role="bureau_officer", obj=user, data={"n": i, "金额": "2000000.00"})
    # The test's transaction never commits, so the after-commit sealer does not run: seal as it would.
    seal()


def test_verify_ok_counts_every_event(bureau_officer, capsys):
    _three_events(bureau_officer)
    result = verify()
    assert result.ok and result.count == Event.objects.count() >= 3
    call_command("audit", "verify")
    assert capsys.readouterr().out.strip() == f"OK {result.count} events"


def test_events_chain_each_to_the_previous(bureau_officer):
    _three_events(bureau_officer)
    events = list(Event.objects.order_by("chain_no"))
    assert events[0].prev_hash == "0" * 64
    for prev, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == prev.hash


def _disable_pg_guard(cur):
    # Triggers refuse the tampering below; whoever owns the database could drop them, and verify must still
    # catch it. (Inside the test's transaction, so the triggers are back for the next test.)
    if connection.vendor == "postgresql":
        cur.execute("SET LOCAL session_replication_role = replica")
    else:
        cur.execute("DROP TRIGGER audit_event_no_update")
        cur.execute("DROP TRIGGER audit_event_no_delete")


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
    after = Event.objects.get(chain_no=target.chain_no + 1)
    assert not result.ok and result.broken_seq == after.seq
    assert result.problem == f"chain position {target.chain_no} is missing (before event #{after.seq})"


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


def _tamper(sql, params):
    with connection.cursor() as cur:
        _disable_pg_guard(cur)
        cur.execute(sql, params)


def test_changed_actor_name_is_detected(bureau_officer):
    """The audit page and its export show actor_name as the actor: changing it must break the chain."""
    _three_events(bureau_officer)
    target = Event.objects.order_by("seq")[1]
    _tamper(f"UPDATE {Event._meta.db_table} SET actor_name = %s WHERE seq = %s", ["someone else", target.seq])
    result = verify()
    assert not result.ok and result.broken_seq == target.seq


@pytest.mark.parametrize("column, value", [("object_type", "centers.center"), ("object_id", "999"),
                                           ("role", "applicant"), ("ip", "10.0.0.9")])
def test_every_shown_field_is_sealed(bureau_officer, column, value):
    _three_events(bureau_officer)
    target = Event.objects.order_by("seq")[1]
    _tamper(f"UPDATE {Event._meta.db_table} SET {column} = %s WHERE seq = %s", [value, target.seq])
    assert verify().broken_seq == target.seq


def test_marking_a_new_event_as_v1_to_unseal_its_actor_name_is_detected(bureau_officer):
    _three_events(bureau_officer)
    target = Event.objects.order_by("seq")[1]
    _tamper(f"UPDATE {Event._meta.db_table} SET canonical_version = 1, actor_name = %s WHERE seq = %s",
            ["someone else", target.seq])
    assert verify().broken_seq == target.seq


def _append_v1(user, n):
    """Events as the code before canonical form v2 wrote them (no actor_name in the hash): the sealer hashes
    each event with the form it was written with."""
    from datetime import UTC

    from django.utils import timezone

    for _ in range(n):
        Event.objects.bulk_create([Event(
            at=timezone.now().astimezone(UTC), actor_id=user.pk, actor_name=str(user), role="bureau_officer",
            action="old.action", object_type="accounts.user", object_id=str(user.pk), data={"n": 1}, ip=None,
            canonical_version=1)])
    seal()


def test_a_chain_begun_in_v1_keeps_verifying_and_new_events_use_v2(bureau_officer):
    _append_v1(bureau_officer, 3)
    _three_events(bureau_officer)
    assert list(Event.objects.order_by("chain_no").values_list("canonical_version", flat=True)) == [1, 1, 1, 2, 2, 2]
    result = verify()
    assert result.ok and result.count == 6
