"""Backup and restore through the real command line, on a throwaway SQLite data directory."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="the SQLite path; PostgreSQL uses pg_dump")


def ticms(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TICMS_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "ticms.settings"}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "ticms.cli", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def test_backup_then_restore_brings_back_data_and_files(tmp_path):
    data = tmp_path / "data"
    assert ticms(data, "migrate", "-v", "0").returncode == 0
    assert ticms(data, "demo").returncode == 0
    (data / "media").mkdir(exist_ok=True)
    (data / "media" / "licence.pdf").write_bytes(b"%PDF-1.4 original")

    made = ticms(data, "backup", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    backup_dir = Path(made.stdout.strip())
    assert {p.name for p in backup_dir.iterdir()} == {"db.sqlite3", "media.tar.gz", "manifest.json"}

    # Things change after the backup: a new user (with its audit event) and a changed file.
    changed = ticms(data, "shell", "-c",
                    "from ticms.accounts.models import User; from ticms.audit.services import record;"
                    "u = User.objects.create(username='later'); record('test.later', obj=u)")
    assert changed.returncode == 0, changed.stderr
    (data / "media" / "licence.pdf").write_bytes(b"changed")

    assert ticms(data, "restore", str(backup_dir)).returncode != 0  # refuses without --yes
    restored = ticms(data, "restore", str(backup_dir), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "audit chain OK" in restored.stdout
    check = ticms(data, "shell", "-c",
                  "from ticms.accounts.models import User; print(User.objects.filter(username='later').exists())")
    assert check.stdout.strip().splitlines()[-1] == "False"
    assert (data / "media" / "licence.pdf").read_bytes() == b"%PDF-1.4 original"
    assert ticms(data, "audit", "verify").stdout.startswith("OK ")


def test_restore_refuses_a_directory_that_is_not_a_backup(tmp_path):
    data = tmp_path / "data"
    assert ticms(data, "migrate", "-v", "0").returncode == 0
    result = ticms(data, "restore", str(tmp_path), "--yes")
    assert result.returncode != 0 and "not a ticms backup" in result.stderr
