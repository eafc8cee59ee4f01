"""SM3 (GB/T 32905-2016): the audit chain, file digests, key ids, and HMAC-SM3 for checkpoints and references.

Taken from the OpenSSL Python is linked to (`hashlib.new("sm3")`, OpenSSL 1.1.1 and later), not from
`cryptography`: that package maps ~9 MB of its own OpenSSL into every web worker, and the audit chain hashes on
every write, so SM3 from it kept it in memory even where nothing is decrypted (issue 15). The digests are the
same (`tests/crypto/test_sm3.py`: the standard's vectors, and `cryptography`'s answer). An OpenSSL built without
SM3 makes `hashlib` refuse the name; then, and only then, `cryptography` computes it.
"""

from __future__ import annotations

import hashlib
import hmac as _hmac

try:
    _BASE = hashlib.new("sm3")
except ValueError:  # OpenSSL without SM3: the same digest from `cryptography`
    _BASE = None

BACKEND = "hashlib" if _BASE is not None else "cryptography"


class _CryptographySM3:
    """hashlib's interface (update, copy, digest, hexdigest) over `cryptography`'s SM3."""

    name, digest_size, block_size = "sm3", 32, 64

    def __init__(self, data: bytes = b"", _ctx=None):
        from cryptography.hazmat.primitives import hashes

        self._ctx = _ctx or hashes.Hash(hashes.SM3())
        if data:
            self._ctx.update(data)

    def update(self, data: bytes) -> None:
        self._ctx.update(data)

    def copy(self) -> _CryptographySM3:
        return _CryptographySM3(_ctx=self._ctx.copy())

    def digest(self) -> bytes:
        return self._ctx.copy().finalize()

    def hexdigest(self) -> str:
        return self.digest().hex()


def new(data: bytes = b""):
    """A running SM3, as `hashlib.sha256()`: `update(…)`, then `hexdigest()`."""
    if _BASE is None:
        return _CryptographySM3(data)
    h = _BASE.copy()  # cheaper than hashlib.new("sm3"), which looks the algorithm up in OpenSSL each time
    if data:
        h.update(data)
    return h


def hexdigest(data: bytes) -> str:
    return new(data).hexdigest()


def hmac_sm3(key: bytes, message: bytes) -> bytes:
    """HMAC-SM3 (RFC 2104 over SM3)."""
    return _hmac.new(key, message, new).digest()


def derived_hmac(secret: bytes, purpose: bytes, message: bytes) -> bytes:
    """HMAC-SM3 of `message` under a key derived from `secret` for one `purpose` (checkpoints, audit references):
    one data key, a separate MAC key for each use."""
    return hmac_sm3(hmac_sm3(secret, purpose), message)
