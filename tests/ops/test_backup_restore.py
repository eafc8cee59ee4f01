"""Backup and restore through the real command line, on SQLite and (with DATABASE_URL) PostgreSQL."""

import json
import shutil
import stat
import tarfile
from pathlib import Path

import pytest

from ticms.crypto.files import open_file, seal_file
from ticms.crypto.keys import backup_key
from ticms.ops.backup import sha256_file

from .conftest import PG, Install, seeded

DB_FILE = "db.dump.sm4" if PG else "db.sqlite3.sm4"
ARCHIVE = "media.tar.gz.sm4"

# Tampering as someone with full access to the database would: past the append-only triggers.
TAMPER = """
from django.db import connection, transaction
from ticms.audit import triggers
with transaction.atomic(), connection.cursor() as c:
    if connection.vendor == "postgresql":
        c.execute("SET LOCAL session_replication_role = replica")
    else:
        c.execute("DROP TRIGGER audit_event_no_update")
    c.execute("UPDATE audit_event SET action = %s WHERE seq = 2", [{action!r}])
    if connection.vendor == "sqlite":
        c.execute(triggers.SQLITE_UPDATE)
"""


def backup(install: Install, into: Path) -> Path:
    made = install.ticms("backup", str(into))
    assert made.returncode == 0, made.stderr
    return Path(made.stdout.strip())


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One seeded installation, a good backup, and a backup whose audit chain was broken when it was taken."""
    install = seeded(Install(tmp_path_factory.mktemp("shared")))
    backups = tmp_path_factory.mktemp("backups")
    good = backup(install, backups / "good")
    action = install.shell("from ticms.audit.models import Event; print(Event.objects.get(seq=2).action)")
    install.shell(TAMPER.format(action="tampered"))
    broken = backup(install, backups / "broken")
    install.shell(TAMPER.format(action=action))
    assert install.ticms("audit", "verify").returncode == 0
    yield install, good, broken
    install.close()


def test_backup_is_readable_by_its_owner_only(shared):
    _, good, _ = shared
    assert {p.name for p in good.iterdir()} == {DB_FILE, ARCHIVE, "manifest.json"}
    assert stat.S_IMODE(good.stat().st_mode) == 0o700
    assert stat.S_IMODE(good.parent.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in good.iterdir()} == {0o600}


def test_check_verifies_a_good_backup_and_changes_nothing(shared):
    install, good, _ = shared
    before = install.state()
    checked = install.ticms("restore", str(good), "--check")
    assert checked.returncode == 0, checked.stderr
    assert "backup OK; audit chain OK" in checked.stdout
    assert install.state() == before and install.leftovers() == []


def _truncate_manifest(backup_dir: Path):
    path = backup_dir / "manifest.json"
    path.write_text(path.read_text()[:80])


def _drop_uploaded_file(backup_dir: Path):
    """Rebuild the archive without licence.pdf, seal it again with the right key and re-seal the archive's
    checksum: only the per-file check can notice."""
    sealed, archive = backup_dir / ARCHIVE, backup_dir / "media.tar.gz"
    open_file(sealed, archive)
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar.getmembers()]
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            if member.name != "media/licence.pdf":
                import io

                tar.addfile(member, io.BytesIO(data) if data is not None else None)
    sealed.unlink()
    seal_file(archive, sealed, backup_key())
    archive.unlink()
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    manifest["files"][ARCHIVE] = sha256_file(sealed)
    (backup_dir / "manifest.json").write_text(json.dumps(manifest))


def _remove_archive(backup_dir: Path):
    (backup_dir / ARCHIVE).unlink()


def _flip_database_bytes(backup_dir: Path):
    path = backup_dir / DB_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage, message", [
    (_truncate_manifest, "manifest.json is damaged"),
    (_remove_archive, f"backup file {ARCHIVE} is missing"),
    (_drop_uploaded_file, "uploaded file licence.pdf is missing"),
    (_flip_database_bytes, f"backup file {DB_FILE} does not match its checksum"),
    ("broken chain", "audit chain is broken at event #2"),
])
def test_a_damaged_backup_is_refused_and_the_live_system_is_left_as_it_was(shared, tmp_path, damage, message):
    install, good, broken = shared
    if damage == "broken chain":
        source = broken
    else:
        source = Path(shutil.copytree(good, tmp_path / good.name))
        damage(source)
    before = install.state()
    refused = install.ticms("restore", str(source), "--yes")
    assert refused.returncode != 0
    assert message in refused.stderr and "Nothing was changed" in refused.stderr
    assert install.state() == before
    assert install.leftovers() == []


def test_restore_switches_to_the_backup_and_keeps_the_previous_data(make_install, tmp_path):
    install = seeded(make_install())
    made = backup(install, tmp_path / "backups")
    at_backup = install.state()

    # Things change after the backup: a new user (with its audit event) and a changed file.
    install.shell("from ticms.accounts.models import User; from ticms.audit.services import record;"
                  "u = User.objects.create(username='later'); record('test.later', obj=u)")
    (install.data / "media" / "licence.pdf").write_bytes(b"changed")
    changed = install.state()

    assert install.ticms("restore", str(made)).returncode != 0  # refuses without --yes
    restored = install.ticms("restore", str(made), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "audit chain OK" in restored.stdout
    assert install.state() == at_backup
    assert install.ticms("audit", "verify").stdout.startswith("OK ")

    # The data from before the restore is kept beside it, to switch back.
    kept = install.data / "media" / ".." / [p.name for p in install.data.iterdir() if ".pre-restore-" in p.name
                                            and p.is_dir()][0]
    assert (kept / "licence.pdf").read_bytes() == b"changed"
    previous_db = restored.stdout.split("the database before the restore is kept as ")[1].split()[0]
    if PG:
        assert previous_db in install.databases()
    else:
        assert Path(previous_db).exists()
    assert changed["users"] != at_backup["users"]


def test_restore_refuses_a_directory_that_is_not_a_backup(make_install, tmp_path):
    install = make_install()
    assert install.ticms("migrate", "-v", "0").returncode == 0
    result = install.ticms("restore", str(tmp_path), "--yes")
    assert result.returncode != 0 and "not a ticms backup" in result.stderr
