"""The data keys. The current key seals every new value; old keys only open values sealed before a rotation.

A key is 16 random bytes, base64 in the environment. Its id — the first 8 hex digits of its SM3 digest — is
stored with each sealed value, so a value says which key opens it and `ticms rotate-data-key` can find the
values still under an old key.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import sm3

KEY_BYTES = 16


@dataclass(frozen=True)
class DataKey:
    id: str
    secret: bytes


def key_id(secret: bytes) -> str:
    return sm3.hexdigest(b"ticms-data-key:" + secret)[:8]


def parse_key(text: str, name: str) -> DataKey:
    try:
        secret = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        secret = b""
    if len(secret) != KEY_BYTES:
        raise ImproperlyConfigured(
            f"{name} 必须是 16 字节随机数的 base64 编码（SM4 密钥）。"
            f" / {name} must be 16 random bytes in base64 (an SM4 key); see docs/operations.md."
        )
    return DataKey(key_id(secret), secret)


@dataclass(frozen=True)
class KeyRing:
    current: DataKey
    old: tuple[DataKey, ...]

    def by_id(self, kid: str) -> DataKey | None:
        for key in (self.current, *self.old):
            if key.id == kid:
                return key
        return None


def _ring(current: str, old: tuple[str, ...]) -> KeyRing:
    return KeyRing(parse_key(current, "TICMS_DATA_KEY"),
                   tuple(parse_key(text, "TICMS_DATA_KEYS_OLD") for text in old))


@cache
def _cached_ring(current: str, old: tuple[str, ...]) -> KeyRing:
    return _ring(current, old)


def ring() -> KeyRing:
    """Read from settings each time (tests switch keys with override_settings); parsed once per value."""
    return _cached_ring(settings.TICMS_DATA_KEY, tuple(settings.TICMS_DATA_KEYS_OLD))


def backup_key() -> DataKey:
    """Backups are sealed with `TICMS_BACKUP_KEY` when a deployment keeps one apart, else with the data key."""
    text = getattr(settings, "TICMS_BACKUP_KEY", "")
    return parse_key(text, "TICMS_BACKUP_KEY") if text else ring().current


def new_key_text() -> str:
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()
