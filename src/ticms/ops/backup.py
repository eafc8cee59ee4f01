"""Taking a backup: the database, the uploaded files and a manifest that lets a restore check all of it first.

A backup is a directory (mode 0700, files 0600: it holds every record and attachment) with
- `db.sqlite3.sm4` (SQLite's online backup API) or `db.dump.sm4` (`pg_dump -Fc`), taken while the system serves;
- `media.tar.gz.sm4`, the uploaded files (from MEDIA_ROOT, or read from the object store: `ops.object_store`);
  both sealed with SM4-GCM (`ticms.crypto.files`) under `TICMS_BACKUP_KEY`, or the data key when that is unset:
  a copy of the backup reveals no phone number, attachment or opinion to whoever holds it without the key;
- `manifest.json` (not sealed: it holds digests and counts only): the key id, the SHA-256 of each sealed file,
  the SHA-256 of every uploaded file inside the archive, and
  the audit chain's length and last hash *as they are in the database copy* — read from the same snapshot the
  dump is taken from, so a backup taken under load agrees with itself.
Checking and restoring are in `ticms.ops.restore`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from ticms.crypto.files import seal_file
from ticms.crypto.keys import backup_key

from . import object_store

# 3: files sealed with SM4. A restore still reads format 2 (plain files) of backups taken before.
MANIFEST_FORMAT = 3
MANIFEST_FORMATS = (2, 3)
MEDIA_ARCHIVE = "media.tar.gz"
DB_FILE = {"sqlite": "db.sqlite3", "postgresql": "db.dump"}
SEALED = ".sm4"


class BackupError(Exception):
    pass


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pg_client_args(settings_dict: dict) -> tuple[dict, list[str]]:
    args = ["-h", settings_dict.get("HOST") or "127.0.0.1", "-p", str(settings_dict.get("PORT") or 5432),
            "-U", settings_dict.get("USER") or "postgres"]
    return {"PGPASSWORD": settings_dict.get("PASSWORD") or ""}, args


def run_tool(cmd: list[str], env_extra: dict) -> None:
    if shutil.which(cmd[0]) is None:
        raise BackupError(f"{cmd[0]} is not installed; install the PostgreSQL client tools")
    result = subprocess.run(cmd, env={**os.environ, **env_extra}, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{cmd[0]} failed: {result.stderr.strip()[:500]}")


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)


def _copy_sqlite(dest: Path) -> tuple[int, str]:
    source = sqlite3.connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(dest)
    try:
        with copy:
            source.backup(copy)
        # The head as it is in the copy, whatever was written since the copy began.
        row = copy.execute("SELECT last_seq, last_hash FROM audit_chainhead WHERE id = 1").fetchone()
    finally:
        copy.close()
        source.close()
    return row or (0, "0" * 64)


def _dump_postgresql(dest: Path) -> tuple[int, str]:
    # pg_dump reads the snapshot this transaction exports, and the head is read in the same snapshot; reading
    # the head before pg_dump started made every backup taken under load disagree with its own dump.
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True
        with raw.cursor() as cur:
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            cur.execute("SELECT last_seq, last_hash FROM audit_chainhead WHERE id = 1")
            row = cur.fetchone()
            env, args = pg_client_args(connection.settings_dict)
            run_tool(["pg_dump", "-Fc", f"--snapshot={snapshot}", *args, "-f", str(dest),
                      connection.settings_dict["NAME"]], env)
            cur.execute("COMMIT")
    finally:
        raw.close()
    return tuple(row) if row else (0, "0" * 64)


class _HashingReader:
    """Feeds tarfile and hashes the same bytes, so the manifest describes exactly what was archived."""

    def __init__(self, f):
        self.f, self.sha = f, hashlib.sha256()

    def read(self, n=-1):
        data = self.f.read(n)
        self.sha.update(data)
        return data


def _archive_media(dest: Path) -> dict[str, str]:
    if not object_store.uses_filesystem():
        return object_store.archive(dest)
    media = Path(settings.MEDIA_ROOT)
    digests = {}
    with tarfile.open(dest, "w:gz") as tar:
        for path in sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []:
            rel = path.relative_to(media).as_posix()
            info = tar.gettarinfo(path, arcname=f"media/{rel}")
            with open(path, "rb") as f:
                reader = _HashingReader(f)
                tar.addfile(info, reader)
            digests[rel] = reader.sha.hexdigest()
    return digests


def backup(target_dir: Path) -> Path:
    vendor = connection.vendor
    if vendor not in DB_FILE:
        raise BackupError(f"unsupported database {vendor}")
    _private_dir(Path(target_dir))
    out = Path(target_dir) / f"ticms-{timezone.localtime().strftime('%Y%m%d-%H%M%S')}"
    out.mkdir(mode=0o700)
    os.chmod(out, 0o700)
    db_path = out / DB_FILE[vendor]
    last_seq, last_hash = _copy_sqlite(db_path) if vendor == "sqlite" else _dump_postgresql(db_path)
    media = _archive_media(out / MEDIA_ARCHIVE)
    key = backup_key()
    sealed = []
    for name in (DB_FILE[vendor], MEDIA_ARCHIVE):
        seal_file(out / name, out / (name + SEALED), key)
        (out / name).unlink()
        sealed.append(name + SEALED)
    manifest = {
        "format": MANIFEST_FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": vendor,
        "cipher": "SM4-GCM",
        "key_id": key.id,
        "audit_events": last_seq,
        "audit_last_hash": last_hash,
        "files": {name: sha256_file(out / name) for name in sealed},
        "media": media,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    for path in out.iterdir():
        os.chmod(path, 0o600)
    return out
