"""SM3 hash chain over audit events (GB/T 32905-2016, `ticms.crypto.sm3`).

Each event stores the version of the canonical form it was sealed with, and is verified with that version:
- v1 (events written before the change): seq, at, actor id, role, action, "type:id", data, ip. `actor_name`
  was shown on every page but not sealed.
- v2 (every new event): every field a page, export or timeline shows — seq, at, actor id, actor_name, role,
  action, object_type, object_id, data, ip — plus the version itself (prev_hash is sealed by `link`).
Turning a v2 event into v1 to drop `actor_name` from the check fails: its stored hash was computed over the
v2 body, which differs from its v1 body.
"""

import json
from datetime import datetime

from ticms.crypto.sm3 import hexdigest as sm3_hex

GENESIS = "0" * 64
CURRENT_VERSION = 2
VERSIONS = (1, 2)


# What json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str) builds per call,
# built once: verifying a million events calls it a million times.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _dumps(body: dict) -> bytes:
    return _ENCODER.encode(body).encode()


def canonical_body(*, version: int = CURRENT_VERSION, seq, at: datetime, actor_id, actor_name: str = "", role,
                   action, object_type, object_id, data, ip) -> bytes:
    common = {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor_id,
        "role": role,
        "action": action,
        "data": data,
        "ip": ip,
    }
    if version == 1:
        return _dumps({**common, "object": f"{object_type}:{object_id}"})
    if version == 2:
        return _dumps({**common, "v": 2, "actor_name": actor_name, "object_type": object_type,
                       "object_id": object_id})
    raise ValueError(f"unknown canonical form version {version}")


def link(prev_hash: str, body: bytes) -> str:
    return sm3_hex(prev_hash.encode() + body)


def event_body(event) -> bytes:
    return canonical_body(
        version=event.canonical_version,
        seq=event.seq,
        at=event.at,
        actor_id=event.actor_id,
        actor_name=event.actor_name,
        role=event.role,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        data=event.data,
        ip=event.ip,
    )
