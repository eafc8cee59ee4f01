"""Signed checkpoints of the audit chain, so a routine `ticms audit verify` re-hashes only what came after.

A checkpoint says "the chain was verified from its first event up to chain position N, whose hash is H", signed
with HMAC-SM3 under a key derived from the data key (`TICMS_DATA_KEY`, which the database does not hold). It is
written only by a verification that passed. A routine verify starts from the newest checkpoint whose signature
holds and whose event still carries H; everything after is re-hashed as before. `--full` ignores checkpoints.

What a checkpoint trusts: whoever could rewrite events before N *and* forge a signature needs the data key too. A
checkpoint that does not hold (edited, signed with a key no longer in the ring, its event's hash changed) is
skipped, and an older one or the first event is the start instead: the worst a deleted or broken checkpoint can
do is make verify slower.
"""

from __future__ import annotations

import secrets

from ticms.crypto.keys import ring
from ticms.crypto.sm3 import derived_hmac

from .models import Checkpoint, Event


def _mac(secret: bytes, chain_no: int, digest: str) -> str:
    return derived_hmac(secret, b"ticms-audit-checkpoint", f"{chain_no}:{digest}".encode()).hex()


def sign(chain_no: int, digest: str) -> str:
    key = ring().current
    return f"{key.id}:{_mac(key.secret, chain_no, digest)}"


def holds(chain_no: int, digest: str, signature: str) -> bool:
    kid, _, mac = (signature or "").partition(":")
    key = ring().by_id(kid)
    return key is not None and secrets.compare_digest(_mac(key.secret, chain_no, digest).encode(), mac.encode())


def write(chain_no: int, digest: str, using: str = "default") -> None:
    if chain_no > 0:
        Checkpoint.objects.using(using).get_or_create(
            chain_no=chain_no, defaults={"hash": digest, "signature": sign(chain_no, digest)}
        )


def start(using: str = "default") -> tuple[int, str] | None:
    """(chain position, hash) of the newest checkpoint that holds, or None."""
    for no, digest, signature in Checkpoint.objects.using(using).values_list("chain_no", "hash", "signature")[:20]:
        if not holds(no, digest, signature):
            continue
        if Event.objects.using(using).filter(chain_no=no).values_list("hash", flat=True).first() == digest:
            return no, digest
    return None
