"""Events are written unsealed in the business transaction and sealed after commit, in batches, in chain order."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction

from ticms.audit.models import ChainHead, Event
from ticms.audit.sealing import seal
from ticms.audit.services import record, verify

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")


def _in_thread(fn):
    def run():
        try:
            fn()
        finally:
            connections.close_all()

    return threading.Thread(target=run)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_writers_keep_the_chain_verifiable_and_a_tampered_event_is_found():
    def writer(k):
        for i in range(25):
            with transaction.atomic():  # a business transaction: the event commits with it, then is sealed
                record("test.write", role="system", obj=("test.writer", str(k)), data={"i": i})

    threads = [_in_thread(lambda k=k: writer(k)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = verify()
    assert result.ok and result.count == 200 and result.unsealed == 0
    assert sorted(Event.objects.values_list("chain_no", flat=True)) == list(range(1, 201))
    assert ChainHead.objects.get(pk=1).last_seq == 200
    target = Event.objects.get(chain_no=120)
    with connection.cursor() as cur:
        cur.execute("BEGIN")
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute("UPDATE audit_event SET data = '{\"i\": 99}' WHERE seq = %s", [target.seq])
        cur.execute("COMMIT")
    broken = verify(processes=2, smallest_range=50)
    assert not broken.ok and broken.broken_seq == target.seq and broken.problem == "content does not match its hash"


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_event_committed_after_a_later_one_is_sealed_after_it():
    """Transaction A takes the lower seq but commits last: the chain follows commit order, not seq."""
    written, go_on = threading.Event(), threading.Event()

    def slow():
        with transaction.atomic():
            record("test.slow", role="system")
            written.set()
            go_on.wait(10)

    a = _in_thread(slow)
    a.start()
    written.wait(10)
    fast = record("test.fast", role="system")  # autocommit: sealed at once
    assert Event.objects.get(seq=fast.seq).chain_no == 1
    go_on.set()
    a.join()
    slow_event = Event.objects.get(action="test.slow")
    assert slow_event.seq < fast.seq and slow_event.chain_no == 2
    assert verify().ok and verify().count == 2


@pytest.mark.django_db(transaction=True)
def test_an_event_vanishes_with_its_rolled_back_transaction():
    record("test.before", role="system")
    with pytest.raises(RuntimeError), transaction.atomic():
        record("test.rolled_back", role="system")
        raise RuntimeError("the business write failed")
    record("test.after", role="system")
    assert not Event.objects.filter(action="test.rolled_back").exists()
    assert list(Event.objects.order_by("chain_no").values_list("action", flat=True)) == ["test.before", "test.after"]
    result = verify()
    assert result.ok and result.count == 2 and result.unsealed == 0


@pytest.mark.django_db
def test_sealing_is_idempotent(bureau_officer):
    for i in range(3):
        record("test.action", actor=bureau_officer, data={"i": i})
    assert verify().unsealed == 3
    assert seal() == 3
    sealed = list(Event.objects.order_by("chain_no").values_list("seq", "chain_no", "prev_hash", "hash"))
    head = ChainHead.objects.values_list("last_seq", "last_hash").get(pk=1)
    assert seal() == 0
    assert list(Event.objects.order_by("chain_no").values_list("seq", "chain_no", "prev_hash", "hash")) == sealed
    assert ChainHead.objects.values_list("last_seq", "last_hash").get(pk=1) == head
    assert verify().ok and verify().count == 3


def _refused(sql, params):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params)


@pytest.mark.django_db
def test_the_triggers_allow_the_one_sealing_and_nothing_else(bureau_officer):
    unsealed = record("test.action", actor=bureau_officer)
    _refused("UPDATE audit_event SET action = 'other' WHERE seq = %s", [unsealed.seq])
    # Sealing while changing the content is not sealing.
    _refused(
        "UPDATE audit_event SET chain_no = 1, prev_hash = 'a', hash = 'b', actor_name = 'x' WHERE seq = %s",
        [unsealed.seq],
    )
    seal()
    _refused("UPDATE audit_event SET chain_no = 7, prev_hash = 'a', hash = 'b' WHERE seq = %s", [unsealed.seq])
    _refused("UPDATE audit_event SET hash = NULL, prev_hash = NULL, chain_no = NULL WHERE seq = %s", [unsealed.seq])
    assert verify().ok


@pytest.mark.django_db
def test_an_event_left_unsealed_is_a_finding_of_the_command_until_sealed(bureau_officer, capsys):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        left = record("test.action", actor=bureau_officer)
        call_command("audit", "verify")
        assert "1 written in the last moments, not yet sealed" in capsys.readouterr().out
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 20, tzinfo=datetime.UTC), tick=False):
        with pytest.raises(CommandError, match=f"1 events unsealed for over 900 s \\(the first #{left.seq}\\)"):
            call_command("audit", "verify")
        call_command("audit", "seal")
        assert capsys.readouterr().out.strip() == "sealed 1 events"
        call_command("audit", "verify")
        assert capsys.readouterr().out.strip() == "OK 1 events"


def _tamper_data(target, value):
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET LOCAL session_replication_role = replica")
        else:
            cur.execute("DROP TRIGGER audit_event_no_update")
        cur.execute("UPDATE audit_event SET data = %s WHERE seq = %s", [value, target.seq])


@pytest.mark.django_db
def test_a_routine_verify_starts_from_the_signed_checkpoint_and_full_rehashes_everything(bureau_officer, capsys):
    from ticms.audit.models import Checkpoint

    for i in range(4):
        record("test.action", actor=bureau_officer, data={"i": i})
    seal()
    call_command("audit", "verify")  # no checkpoint yet: the whole chain, then a checkpoint at position 4
    assert capsys.readouterr().out.strip() == "OK 4 events"
    assert Checkpoint.objects.get().chain_no == 4
    record("test.action", actor=bureau_officer, data={"i": 4})
    seal()
    call_command("audit", "verify")
    assert "OK 5 events; events 1–4 by the signed checkpoint" in capsys.readouterr().out
    # An edit after the checkpoint is found by the routine verify; one before it only by --full.
    _tamper_data(Event.objects.get(chain_no=2), '{"i": 99}')
    call_command("audit", "verify")
    with pytest.raises(CommandError, match=f"#{Event.objects.get(chain_no=2).seq}"):
        call_command("audit", "verify", "--full")


@pytest.mark.django_db
def test_a_forged_checkpoint_is_not_trusted(bureau_officer):
    from ticms.audit import checkpoints
    from ticms.audit.models import Checkpoint

    for i in range(3):
        record("test.action", actor=bureau_officer, data={"i": i})
    seal()
    target = Event.objects.get(chain_no=1)
    _tamper_data(target, '{"i": 99}')
    last = Event.objects.get(chain_no=3)
    signature = checkpoints.sign(3, last.hash)
    forged = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    Checkpoint.objects.create(chain_no=3, hash=last.hash, signature=forged)
    result = verify(from_checkpoint=True)
    assert not result.ok and result.broken_seq == target.seq and result.checkpoint == 0
