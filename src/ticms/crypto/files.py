"""Sealing a whole file with SM4-GCM, streamed (a backup may be larger than memory).

Layout: `TICMSSM4` | version 1 byte | key id 8 ASCII | nonce 12 | ciphertext | tag 16. Opening writes to a
temporary file and renames it only once the tag is verified: a changed backup never yields a restored file.
"""

from __future__ import annotations

import os
from pathlib import Path

from .keys import DataKey, ring
from .sm4 import NONCE, TAG, DecryptionError, gcm

MAGIC = b"TICMSSM4\x01"
BLOCK = 1 << 20


def seal_file(source: Path, dest: Path, key: DataKey) -> None:
    nonce = os.urandom(NONCE)
    enc = gcm(key.secret, nonce).encryptor()
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(source, "rb") as src, os.fdopen(fd, "wb") as out:
        out.write(MAGIC + key.id.encode("ascii") + nonce)
        for block in iter(lambda: src.read(BLOCK), b""):
            out.write(enc.update(block))
        out.write(enc.finalize() + enc.tag)


def file_key_id(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(len(MAGIC) + 8)
    if not head.startswith(MAGIC):
        raise DecryptionError(f"{path.name} is not an SM4-sealed ticms file")
    return head[len(MAGIC):].decode("ascii", "replace")


def open_file(source: Path, dest: Path, key: DataKey | None = None) -> None:
    kid = file_key_id(source)
    key = key if key is not None and key.id == kid else ring().by_id(kid)
    if key is None:
        raise DecryptionError(f"{source.name} was sealed with key {kid}, which is not configured "
                              "(TICMS_BACKUP_KEY, TICMS_DATA_KEY or TICMS_DATA_KEYS_OLD)")
    size = source.stat().st_size
    start = len(MAGIC) + 8
    partial = dest.with_name(dest.name + ".partial")
    with open(source, "rb") as src:
        src.seek(start)
        nonce = src.read(NONCE)
        src.seek(size - TAG)
        tag = src.read(TAG)
        src.seek(start + NONCE)
        remaining = size - TAG - start - NONCE
        if remaining < 0:
            raise DecryptionError(f"{source.name} is truncated")
        dec = gcm(key.secret, nonce, tag).decryptor()
        from cryptography.exceptions import InvalidTag

        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                while remaining:
                    block = src.read(min(BLOCK, remaining))
                    remaining -= len(block)
                    out.write(dec.update(block))
                out.write(dec.finalize())
        except InvalidTag as exc:
            partial.unlink(missing_ok=True)
            raise DecryptionError(f"{source.name} was changed or the key is wrong") from exc
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, dest)
