"""SM3 hash chain over audit events (GB/T 32905-2016, via `cryptography`)."""

import json
from datetime import datetime

from cryptography.hazmat.primitives import hashes

GENESIS = "0" * 64


def sm3_hex(data: bytes) -> str:
    h = hashes.Hash(hashes.SM3())
    h.update(data)
    return h.finalize().hex()


def canonical_body(*, seq, at: datetime, actor_id, role, action, object_type, object_id, data, ip) -> bytes:
    body = {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor_id,
        "role": role,
        "action": action,
        "object": f"{object_type}:{object_id}",
        "data": data,
        "ip": ip,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def link(prev_hash: str, body: bytes) -> str:
    return sm3_hex(prev_hash.encode() + body)


def event_body(event) -> bytes:
    return canonical_body(
        seq=event.seq,
        at=event.at,
        actor_id=event.actor_id,
        role=event.role,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        data=event.data,
        ip=event.ip,
    )
