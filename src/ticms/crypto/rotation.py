"""Key rotation: re-seal every personal value under the current data key.

Run after moving the old key from TICMS_DATA_KEY to TICMS_DATA_KEYS_OLD and putting the new one in
TICMS_DATA_KEY. Each value is opened with whichever key its id names and sealed again with the current one, a
batch per transaction; a stopped run is simply run again. When it reports nothing left under an old key, the old
key can be dropped from TICMS_DATA_KEYS_OLD. (Audit references and backups sealed under the old key keep it:
keep the old key with those backups.)
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection, transaction

from .fields import encrypted_fields
from .keys import ring
from .sm4 import sealed_key_id

BATCH = 500


def sealed_models() -> list[tuple[type, list[str]]]:
    return [(m, f) for m in apps.get_models() if (f := encrypted_fields(m))]


def rotate() -> dict[str, int]:
    """Re-sealed values per model (`app.model` → number of rows rewritten)."""
    current = ring().current.id
    done: dict[str, int] = {}
    for model, fields in sealed_models():
        count = 0
        # The stored (sealed) text says which key sealed it; the ORM would hand back opened values.
        stale = [pk for pk, *values in _stored(model, fields) if _needs_rotation(values, current)]
        for start in range(0, len(stale), BATCH):
            with transaction.atomic():
                for obj in model._base_manager.select_for_update().filter(pk__in=stale[start:start + BATCH]):
                    # Plain values (written before encryption) are sealed here too.
                    obj.save(update_fields=fields)
                    count += 1
        done[model._meta.label_lower] = count
    return done


def _stored(model, fields):
    qn = connection.ops.quote_name
    columns = ", ".join(qn(model._meta.get_field(f).column) for f in fields)
    with connection.cursor() as cur:
        cur.execute(f"SELECT {qn(model._meta.pk.column)}, {columns} FROM {qn(model._meta.db_table)}")
        return cur.fetchall()


def _needs_rotation(values, current: str) -> bool:
    return any(v and sealed_key_id(v) != current for v in values)


def remaining() -> dict[str, int]:
    """Rows still holding a value not sealed under the current key."""
    current = ring().current.id
    return {m._meta.label_lower: sum(1 for _, *vals in _stored(m, f) if _needs_rotation(vals, current))
            for m, f in sealed_models()}
