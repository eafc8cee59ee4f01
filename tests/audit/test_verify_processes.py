"""`ticms audit verify` in several processes (PostgreSQL) finds what one process finds, at the same event."""

import pytest
from django.db import connection

from ticms.audit.models import Event
from ticms.audit.services import record, verify

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the processes read committed rows over their own connections
    pytest.mark.skipif(connection.vendor != "postgresql", reason="ranges in processes: PostgreSQL"),
]


def _events(n):
    for i in range(n):
        record("test.event", role="system", obj=("test.thing", str(i % 7)), data={"i": i, "金额": "1.00"})


def _tamper(sql, *params):
    with connection.cursor() as cur:
        cur.execute("BEGIN")
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute(sql, params)
        cur.execute("COMMIT")


def test_ranges_side_by_side_verify_an_intact_chain():
    _events(130)
    result = verify(processes=3, smallest_range=20)
    assert result.ok and result.count == 130 == verify().count


def test_ranges_side_by_side_name_the_first_tampered_event():
    _events(130)
    _tamper(f"UPDATE {Event._meta.db_table} SET data = '{{\"i\": 999}}' WHERE chain_no IN (75, 110)")
    one, many = verify(), verify(processes=3, smallest_range=20)
    assert not many.ok and (many.broken_seq, many.count, many.problem) == (one.broken_seq, one.count, one.problem)
    assert many.broken_seq == Event.objects.get(chain_no=75).seq


def test_ranges_side_by_side_see_a_deleted_event_and_a_relinked_range_boundary():
    _events(130)
    _tamper(f"DELETE FROM {Event._meta.db_table} WHERE chain_no = 41")  # the first event of the third range
    one, many = verify(), verify(processes=3, smallest_range=20)
    assert not many.ok and (many.broken_seq, many.count, many.problem) == (one.broken_seq, one.count, one.problem)
    after = Event.objects.get(chain_no=42).seq
    assert many.problem == f"chain position 41 is missing (before event #{after})"


def test_ranges_side_by_side_start_from_a_checkpoint():
    from ticms.audit import checkpoints

    _events(130)
    at_60 = Event.objects.get(chain_no=60)
    checkpoints.write(60, at_60.hash)
    result = verify(processes=3, smallest_range=20, from_checkpoint=True)
    assert result.ok and result.count == 130 and result.checkpoint == 60
    _tamper(f"UPDATE {Event._meta.db_table} SET data = '{{\"i\": 999}}' WHERE chain_no = 100")
    one, many = verify(from_checkpoint=True), verify(processes=3, smallest_range=20, from_checkpoint=True)
    assert not many.ok and (many.broken_seq, many.count, many.problem) == (one.broken_seq, one.count, one.problem)
    assert many.broken_seq == Event.objects.get(chain_no=100).seq and many.count == 99
