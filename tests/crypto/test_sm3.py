"""SM3 from the system OpenSSL (hashlib) gives the digests of GB/T 32905-2016 and of `cryptography`, so every audit
chain, file digest, key id, checkpoint and audit reference written before the switch still verifies."""

from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives import hashes, hmac

from ticms.audit.chain import GENESIS, canonical_body, link
from ticms.crypto import sm3


def cryptography_sm3(data: bytes) -> str:
    h = hashes.Hash(hashes.SM3())
    h.update(data)
    return h.finalize().hex()


def test_hashlib_computes_sm3_here():
    assert sm3.BACKEND == "hashlib"


@pytest.mark.parametrize("message, digest", [
    # GB/T 32905-2016, appendix A, examples 1 and 2
    (b"abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
    (b"abcd" * 16, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"),
])
def test_the_standards_vectors(message, digest):
    assert sm3.hexdigest(message) == digest
    running = sm3.new()
    for i in range(0, len(message), 5):
        running.update(message[i:i + 5])
    assert running.hexdigest() == digest


@pytest.mark.parametrize("size", [0, 1, 55, 56, 64, 1000, 70_000])
def test_the_same_digest_as_cryptography(size):
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    assert sm3.hexdigest(data) == cryptography_sm3(data)


def test_the_same_hmac_as_cryptography():
    mac = hmac.HMAC(b"k" * 16, hashes.SM3())
    mac.update(b"ticms-audit-checkpoint")
    assert sm3.hmac_sm3(b"k" * 16, b"ticms-audit-checkpoint") == mac.finalize()


def test_a_link_of_the_chain_is_the_one_sealed_before_the_switch():
    body = canonical_body(version=2, seq=1, at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), actor_id=7,
                          actor_name="张三", role="bureau_officer", action="application.submit",
                          object_type="application", object_id=42, data={"state": "submitted"}, ip="10.0.0.1")
    # computed with `cryptography`'s SM3 before ticms took SM3 from hashlib
    assert link(GENESIS, body) == "c1dacb09d5e6da12219f839228e74991a42b065e61856e24af52e4b3d96a9ce7"


def test_the_fallback_gives_the_same_digests():
    fallback = sm3._CryptographySM3(b"ab")
    copy = fallback.copy()
    copy.update(b"c")
    assert copy.hexdigest() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert fallback.hexdigest() == sm3.hexdigest(b"ab")
