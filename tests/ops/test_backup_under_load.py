"""A backup taken while the system writes must restore: its manifest and its database describe one moment."""

import threading

import pytest
from django.db import connection

from ticms.audit.models import Event
from ticms.audit.services import record
from ticms.ops.backup import backup
from ticms.ops.restore import check_backup, read_manifest


@pytest.mark.django_db(transaction=True)
def test_backup_taken_while_audit_events_are_written_passes_the_restore_check(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "licence.pdf").write_bytes(b"%PDF-1.4")
    stop, written = threading.Event(), threading.Event()

    def write():
        try:
            i = 0
            while not stop.is_set():
                record("test.load", data={"i": i})
                i += 1
                if i == 20:
                    written.set()
        finally:
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert written.wait(30)
        # Sealed events: the manifest counts the chain, and an event is sealed just after its commit.
        before = Event.objects.filter(hash__isnull=False).count()
        out = backup(tmp_path / "backups")
        during = Event.objects.count() - before
    finally:
        stop.set()
        writer.join()
    assert during > 0, "no event was written while the backup ran"
    manifest = read_manifest(out)
    assert check_backup(out) == manifest["audit_events"] >= before
