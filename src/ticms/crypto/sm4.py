"""Sealing one value with SM4-GCM (authenticated: a changed byte is refused, never decrypted to garbage).

A sealed value is text: `sm4g:<key id>:<base64(nonce 12 bytes | ciphertext | tag 16 bytes)>`. Text without the
prefix is a value written before encryption was turned on; it reads as itself until the data migration or
`ticms rotate-data-key` seals it.

`cryptography` (SM4; it maps ~9 MB of its own OpenSSL) is imported by the first sealing or opening, not with this
module: a worker whose requests decrypt nothing never loads it (`fields`: a value is opened when it is read).
"""

from __future__ import annotations

import base64
import os

from .keys import DataKey, ring

PREFIX = "sm4g:"
NONCE = 12
TAG = 16


class DecryptionError(Exception):
    pass


def gcm(secret: bytes, nonce: bytes, tag: bytes | None = None):
    """An SM4-GCM cipher: sealing without `tag`, opening (the tag checked by `finalize`) with it."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    return Cipher(algorithms.SM4(secret), modes.GCM(nonce, tag))


def seal_bytes(data: bytes, key: DataKey) -> bytes:
    nonce = os.urandom(NONCE)
    enc = gcm(key.secret, nonce).encryptor()
    return nonce + enc.update(data) + enc.finalize() + enc.tag


def open_bytes(blob: bytes, key: DataKey) -> bytes:
    if len(blob) < NONCE + TAG:
        raise DecryptionError("sealed value too short")
    nonce, body, tag = blob[:NONCE], blob[NONCE:-TAG], blob[-TAG:]
    dec = gcm(key.secret, nonce, tag).decryptor()
    from cryptography.exceptions import InvalidTag

    try:
        return dec.update(body) + dec.finalize()
    except InvalidTag as exc:
        raise DecryptionError("sealed value was changed or the key is wrong") from exc


def is_sealed(value: str) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def sealed_key_id(value: str) -> str:
    return value[len(PREFIX):].split(":", 1)[0] if is_sealed(value) else ""


def seal(value: str, key: DataKey | None = None) -> str:
    key = key or ring().current
    blob = seal_bytes(value.encode(), key)
    return f"{PREFIX}{key.id}:{base64.b64encode(blob).decode()}"


def unseal(value: str) -> str:
    if not is_sealed(value):
        return value
    kid, _, body = value[len(PREFIX):].partition(":")
    key = ring().by_id(kid)
    if key is None:
        raise DecryptionError(
            f"no key with id {kid}: set TICMS_DATA_KEYS_OLD to the key it was sealed with (docs/operations.md)")
    return open_bytes(base64.b64decode(body), key).decode()
