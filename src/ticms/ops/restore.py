"""Restoring a backup without ever destroying before verifying.

1. Check the manifest and the SHA-256 of every file of the backup, then open the SM4-sealed files (a changed byte
   or a wrong key is refused here) into a private directory.
2. Restore into a new place beside the live one — a new SQLite file / a new PostgreSQL database, a new media
   directory — and check it there: every uploaded file against its checksum, the database's audit chain
   recomputed and ending where the manifest says.
3. Only then switch: the live database and media directory are renamed aside (kept, to switch back) and the
   new ones take their names. A backup that fails any check is removed from the new place and the live system
   is left exactly as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tarfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.utils import load_backend
from django.utils import timezone

from ticms.audit.models import ChainHead
from ticms.audit.services import verify
from ticms.crypto.files import open_file
from ticms.crypto.keys import backup_key
from ticms.crypto.sm4 import DecryptionError

from . import object_store
from .backup import (
    DB_FILE,
    MANIFEST_FORMATS,
    MEDIA_ARCHIVE,
    SEALED,
    BackupError,
    pg_client_args,
    run_tool,
    sha256_file,
)

STAGED_ALIAS = "ticms_restore_check"
REQUIRED_KEYS = ("format", "database", "audit_events", "audit_last_hash", "files", "media")


@dataclass
class Staged:
    database: str  # the new SQLite file, or the new PostgreSQL database's name
    media: Path  # the new media directory
    holder: Path  # the directory holding it until the switch
    audit_events: int


@dataclass
class RestoreResult:
    audit_events: int
    previous_database: str = ""
    previous_media: str = ""


def read_manifest(source: Path) -> dict:
    path = source / "manifest.json"
    if not path.exists():
        raise BackupError(f"{source} is not a ticms backup (no manifest.json)")
    try:
        manifest = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"manifest.json is damaged (not valid JSON: {exc})") from exc
    if not isinstance(manifest, dict) or any(key not in manifest for key in REQUIRED_KEYS):
        raise BackupError(f"manifest.json is damaged or from an older ticms (needs {', '.join(REQUIRED_KEYS)})")
    if manifest["format"] not in MANIFEST_FORMATS:
        raise BackupError(f"manifest format {manifest['format']} is not supported (expected one of "
                          f"{', '.join(map(str, MANIFEST_FORMATS))})")
    if manifest["database"] != connection.vendor:
        raise BackupError(f"backup is of {manifest['database']}, this installation uses {connection.vendor}")
    return manifest


def _sealed(manifest: dict) -> bool:
    return manifest["format"] >= 3


def check_files(source: Path, manifest: dict) -> None:
    suffix = SEALED if _sealed(manifest) else ""
    needed = {DB_FILE[connection.vendor] + suffix, MEDIA_ARCHIVE + suffix}
    if not needed <= set(manifest["files"]):
        raise BackupError(f"manifest.json does not list {', '.join(sorted(needed - set(manifest['files'])))}")
    for name in sorted(needed):
        path, digest = source / name, manifest["files"][name]
        if not path.is_file():
            raise BackupError(f"backup file {name} is missing")
        if sha256_file(path) != digest:
            raise BackupError(f"backup file {name} does not match its checksum (damaged or changed)")


def _stage_media(source: Path, manifest: dict, holder: Path) -> Path:
    with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as tar:
        tar.extractall(holder, filter="data")
    media = holder / "media"
    media.mkdir(exist_ok=True)
    found = {p.relative_to(media).as_posix(): p for p in media.rglob("*") if p.is_file()}
    for rel, digest in sorted(manifest["media"].items()):
        if rel not in found:
            raise BackupError(f"uploaded file {rel} is missing from the backup")
        if sha256_file(found[rel]) != digest:
            raise BackupError(f"uploaded file {rel} does not match its checksum")
    extra = sorted(set(found) - set(manifest["media"]))
    if extra:
        raise BackupError(f"the backup holds files its manifest does not list: {', '.join(extra[:5])}")
    return media


def _maintenance():
    """A connection to PostgreSQL's `postgres` database, to create, rename and drop databases."""
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    raw = connection.get_new_connection(params)
    raw.autocommit = True
    return raw


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _stage_database(source: Path, stamp: str) -> str:
    live = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        staged = f"{live}.restore-{stamp}"
        src, dest = sqlite3.connect(source / DB_FILE["sqlite"]), sqlite3.connect(staged)
        try:
            with dest:
                src.backup(dest)
            problem = dest.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            problem = str(exc)
        finally:
            src.close()
            dest.close()
        if problem != "ok":
            raise BackupError(f"the backup's database is damaged: {problem}")
        return staged
    staged = f"{live[:32]}_restore_{stamp}"  # PostgreSQL names stop at 63 bytes
    with _maintenance() as raw:
        raw.execute(f"CREATE DATABASE {_quote(staged)}")
    env, args = pg_client_args(connection.settings_dict)
    run_tool(["pg_restore", "--no-owner", "--exit-on-error", *args, "-d", staged,
              str(source / DB_FILE["postgresql"])], env)
    return staged


def _drop_database(name: str) -> None:
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
    else:
        with _maintenance() as raw:
            raw.execute(f"DROP DATABASE IF EXISTS {_quote(name)}")


def _check_chain(staged: str, manifest: dict) -> int:
    # A connection of its own, known only to this thread and never to the settings: routers, the test
    # framework and other threads do not see it.
    wrapper = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
        {**connection.settings_dict, "NAME": staged, "CONN_MAX_AGE": 0}, STAGED_ALIAS
    )
    connections[STAGED_ALIAS] = wrapper
    try:
        result = verify(using=STAGED_ALIAS)
        if not result.ok:
            raise BackupError(f"the backup's audit chain is broken at event #{result.broken_seq}: {result.problem}")
        head = ChainHead.objects.using(STAGED_ALIAS).filter(pk=1).first()
        if (head.last_seq if head else 0, head.last_hash if head else "0" * 64) != (
            manifest["audit_events"], manifest["audit_last_hash"]
        ):
            raise BackupError("the backup's audit chain does not end where its manifest says")
        return result.count
    finally:
        wrapper.close()
        del connections[STAGED_ALIAS]


def _open_sealed(source: Path, holder: Path) -> Path:
    plain = holder / "opened"
    plain.mkdir(mode=0o700)
    key = backup_key()
    for name in (DB_FILE[connection.vendor], MEDIA_ARCHIVE):
        try:
            open_file(source / (name + SEALED), plain / name, key)
        except DecryptionError as exc:
            raise BackupError(f"cannot open {name}{SEALED}: {exc}") from exc
    return plain


def stage(source_dir: Path) -> Staged:
    """Check a backup completely and restore it into a new place; the live system is not touched."""
    source = Path(source_dir)
    manifest = read_manifest(source)
    check_files(source, manifest)
    stamp = timezone.localtime().strftime("%Y%m%d_%H%M%S")
    live_media = Path(settings.MEDIA_ROOT)
    live_media.parent.mkdir(parents=True, exist_ok=True)
    holder = live_media.parent / f".{live_media.name}.restore-{stamp}"
    holder.mkdir(mode=0o700)
    database = ""
    try:
        if _sealed(manifest):
            source = _open_sealed(source, holder)
        media = _stage_media(source, manifest, holder)
        database = _stage_database(source, stamp)
        if source.parent == holder:
            shutil.rmtree(source)  # the opened (plain) copies are not needed past this point
        count = _check_chain(database, manifest)
    except BaseException:
        shutil.rmtree(holder, ignore_errors=True)
        if database:
            _drop_database(database)
        raise
    return Staged(database=database, media=media, holder=holder, audit_events=count)


def discard(staged: Staged) -> None:
    shutil.rmtree(staged.holder, ignore_errors=True)
    _drop_database(staged.database)


def check_backup(source_dir: Path) -> int:
    """Everything a restore checks, then nothing changes: returns the number of audit events verified."""
    staged = stage(source_dir)
    discard(staged)
    return staged.audit_events


def _switch_database(staged: str, stamp: str) -> str:
    live = connection.settings_dict["NAME"]
    connections.close_all()
    if connection.vendor == "sqlite":
        previous = f"{live}.pre-restore-{stamp}"
        if Path(live).exists():
            # Fold the write-ahead log into the file, so the renamed copy is complete and no stale log is
            # replayed onto the restored file.
            with closing(sqlite3.connect(live)) as db:
                busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if busy:
                raise BackupError("the live database is in use; stop the server and run the restore again")
            os.replace(live, previous)
            for suffix in ("-wal", "-shm"):
                Path(live + suffix).unlink(missing_ok=True)
        os.replace(staged, live)
        return previous
    previous = f"{live[:32]}_pre_restore_{stamp}"
    with _maintenance() as raw:
        try:
            with raw.transaction():
                raw.execute(f"ALTER DATABASE {_quote(live)} RENAME TO {_quote(previous)}")
                raw.execute(f"ALTER DATABASE {_quote(staged)} RENAME TO {_quote(live)}")
        except Exception as exc:
            raise BackupError(
                f"could not switch databases ({exc}); stop the server and run the restore again"
            ) from exc
    return previous


def restore(source_dir: Path) -> RestoreResult:
    staged = stage(source_dir)
    stamp = staged.holder.name.rsplit("-", 1)[1]
    if not object_store.uses_filesystem():
        return _restore_into_object_store(staged, stamp)
    live_media = Path(settings.MEDIA_ROOT)
    previous_media = live_media.parent / f"{live_media.name}.pre-restore-{stamp}"
    had_media = live_media.exists()
    if had_media:
        os.replace(live_media, previous_media)
    os.replace(staged.media, live_media)
    try:
        previous_db = _switch_database(staged.database, stamp)
    except BaseException:
        # The database stayed live: put its files back too, and drop the checked copy.
        os.replace(live_media, staged.media)
        if had_media:
            os.replace(previous_media, live_media)
        discard(staged)
        raise
    shutil.rmtree(staged.holder, ignore_errors=True)
    return RestoreResult(audit_events=staged.audit_events, previous_database=previous_db,
                         previous_media=str(previous_media) if had_media else "")


def _restore_into_object_store(staged: Staged, stamp: str) -> RestoreResult:
    """Files first (replaced objects kept aside), then the database, as on a filesystem (`ops.object_store`)."""
    digests = {p.relative_to(staged.media).as_posix(): sha256_file(p) for p in staged.media.rglob("*")
               if p.is_file()}
    try:
        kept = object_store.put_back(staged.media, digests, stamp)
    except BaseException:
        discard(staged)
        raise
    try:
        previous_db = _switch_database(staged.database, stamp)
    except BaseException:
        object_store.undo(kept, stamp)
        discard(staged)
        raise
    shutil.rmtree(staged.holder, ignore_errors=True)
    where = f"the object store under {object_store.KEEP_PREFIX.format(stamp=stamp)}" if kept else ""
    return RestoreResult(audit_events=staged.audit_events, previous_database=previous_db, previous_media=where)
