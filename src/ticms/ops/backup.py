"""Backup and restore of the database and the uploaded files, with the audit chain as the integrity check.

A backup is a directory: `db.sqlite3` (SQLite online backup API, safe while serving) or `db.dump`
(pg_dump custom format), `media.tar.gz`, and `manifest.json` with the audit chain's length and last hash.
A restore puts both back and then verifies the chain against the manifest, so a damaged or mismatched
backup is reported instead of silently served.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from ticms.audit.models import ChainHead


class BackupError(Exception):
    pass


def _db():
    return settings.DATABASES["default"]


def _pg_env_args() -> tuple[dict, list[str]]:
    db = _db()
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    env = {"PGPASSWORD": db.get("PASSWORD") or ""}
    return env, args


def _run(cmd: list[str], env_extra: dict) -> None:
    import os

    if shutil.which(cmd[0]) is None:
        raise BackupError(f"{cmd[0]} is not installed; install the PostgreSQL client tools")
    result = subprocess.run(cmd, env={**os.environ, **env_extra}, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{cmd[0]} failed: {result.stderr.strip()[:500]}")


def backup(target_dir: Path) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    out = Path(target_dir) / f"ticms-{stamp}"
    out.mkdir(parents=True, exist_ok=False)
    head = ChainHead.objects.filter(pk=1).first()
    vendor = connection.vendor
    if vendor == "sqlite":
        source = sqlite3.connect(_db()["NAME"])
        dest = sqlite3.connect(out / "db.sqlite3")
        with dest:
            source.backup(dest)
        dest.close()
        source.close()
    elif vendor == "postgresql":
        env, args = _pg_env_args()
        _run(["pg_dump", "-Fc", *args, "-f", str(out / "db.dump"), _db()["NAME"]], env)
    else:
        raise BackupError(f"unsupported database {vendor}")
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(out / "media.tar.gz", "w:gz") as tar:
        if media.exists():
            tar.add(media, arcname="media")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": vendor,
        "audit_events": head.last_seq if head else 0,
        "audit_last_hash": head.last_hash if head else "0" * 64,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return out


@dataclass
class RestoreResult:
    audit_events: int


def restore(source_dir: Path) -> RestoreResult:
    from ticms.audit.services import verify

    source = Path(source_dir)
    manifest_path = source / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{source} is not a ticms backup (no manifest.json)")
    manifest = json.loads(manifest_path.read_text())
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(f"backup is of {manifest['database']}, this installation uses {vendor}")
    connections.close_all()
    if vendor == "sqlite":
        target = sqlite3.connect(_db()["NAME"])
        src = sqlite3.connect(source / "db.sqlite3")
        with target:
            src.backup(target)
        src.close()
        target.close()
    else:
        env, args = _pg_env_args()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", *args, "-d", _db()["NAME"],
              str(source / "db.dump")], env)
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    media.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as tar:
        tar.extractall(media.parent, filter="data")
    result = verify()
    if not result.ok:
        raise BackupError(f"restored audit chain is broken at event #{result.broken_seq}: {result.problem}")
    head = ChainHead.objects.filter(pk=1).first()
    if (head.last_seq if head else 0) != manifest["audit_events"] or (
        head and head.last_hash != manifest["audit_last_hash"]
    ):
        raise BackupError("restored audit chain does not end where the manifest says")
    return RestoreResult(audit_events=result.count)
