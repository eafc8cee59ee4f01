"""What a page, an API answer or the audit log shows of a personal value when it does not need the value.

- `mask`: 138****1234 for a phone number, z***@example.cn for an e-mail address.
- `reference`: a keyed SM3 digest (HMAC-SM3 under a key derived from the data key) written into the audit log
  instead of the value: it tells "changed / unchanged / the same as" without the value, and nobody without the
  key can find the number behind it by trying all 10^11 phone numbers.
"""

from __future__ import annotations

from .fields import encrypted_fields
from .keys import ring
from .sm3 import derived_hmac


def mask_phone(value: str) -> str:
    digits = "".join(c for c in value or "" if c.isdigit())
    if not value:
        return ""
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def mask_email(value: str) -> str:
    if not value:
        return ""
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask(value: str) -> str:
    return mask_email(value) if "@" in (value or "") else mask_phone(value)


def reference(value: str) -> str:
    """`ref:<key id>:<16 hex>` of a value, "" for no value. Equal values under one key give equal references."""
    if not value:
        return ""
    key = ring().current
    return f"ref:{key.id}:{derived_hmac(key.secret, b'ticms-audit-reference', value.encode()).hex()[:16]}"


def for_audit(model, values: dict) -> dict:
    """`values` with every sealed field of `model` replaced by its reference, for an audit event's data."""

    sealed = set(encrypted_fields(model))
    return {k: reference(str(v or "")) if k in sealed else v for k, v in values.items()}
