"""Backup and restore of the uploaded files when they live in an S3-compatible object store (TICMS_S3_BUCKET).

The backup's format does not change: the objects are read through Django's storage API into the same
`media.tar.gz` a filesystem installation writes, with the same per-file digests in the manifest, so a backup
taken from a bucket restores onto a filesystem installation and the other way round.

A bucket cannot be renamed aside the way a media directory is, so a restore writes the backup's files into it
before the database is switched, and keeps what it replaces: an object whose content differs from the backup's
is first copied to `pre-restore-<stamp>/<key>` (most keys are content digests, so this is rare: a replaced
document, say). Objects the backup does not hold stay where they are — the restored database does not name them.
If the database switch then fails, the replaced objects are put back and the copies removed.
"""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage, storages

KEEP_PREFIX = "pre-restore-{stamp}/"


def uses_filesystem() -> bool:
    return isinstance(storages["default"], FileSystemStorage)


def _keys(folder: str = "") -> list[str]:
    dirs, files = default_storage.listdir(folder)
    keys = [f"{folder}{name}" for name in files]
    for sub in dirs:
        if sub.startswith("pre-restore-") and not folder:
            continue  # copies kept by an earlier restore are not part of the live files
        keys += _keys(f"{folder}{sub}/")
    return keys


def _digest(handle) -> str:
    sha = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        sha.update(chunk)
    return sha.hexdigest()


def archive(dest: Path) -> dict[str, str]:
    """Write every object into `dest` (tar.gz, members `media/<key>`); return {key: sha256}."""
    digests = {}
    with tarfile.open(dest, "w:gz") as tar:
        for key in sorted(_keys()):
            with default_storage.open(key, "rb") as handle:
                digest = _digest(handle)
                info = tarfile.TarInfo(f"media/{key}")
                info.size = default_storage.size(key)
                info.mode = 0o600
                handle.seek(0)
                tar.addfile(info, handle)
            digests[key] = digest
    return digests


def _same(key: str, digest: str) -> bool:
    if not default_storage.exists(key):
        return False
    with default_storage.open(key, "rb") as handle:
        return _digest(handle) == digest


def _put(key: str, handle) -> None:
    saved = default_storage.save(key, File(handle))
    if saved != key:  # the store chose another name: the restored database would not find the file
        default_storage.delete(saved)
        raise OSError(f"the object store stored {key} as {saved}")


def put_back(staged_media: Path, digests: dict[str, str], stamp: str) -> list[str]:
    """Write the staged (verified) files into the bucket; return the keys whose old content was kept aside."""
    kept = []
    prefix = KEEP_PREFIX.format(stamp=stamp)
    try:
        for key, digest in sorted(digests.items()):
            if _same(key, digest):
                continue
            if default_storage.exists(key):
                with default_storage.open(key, "rb") as old:
                    default_storage.save(prefix + key, File(old))
                default_storage.delete(key)
                kept.append(key)
            with (staged_media / key).open("rb") as new:
                _put(key, new)
    except BaseException:
        undo(kept, stamp)
        raise
    return kept


def undo(kept: list[str], stamp: str) -> None:
    """Put back the objects `put_back` replaced (the database switch failed after it)."""
    prefix = KEEP_PREFIX.format(stamp=stamp)
    for key in kept:
        default_storage.delete(key)
        with default_storage.open(prefix + key, "rb") as old:
            _put(key, old)
        default_storage.delete(prefix + key)
