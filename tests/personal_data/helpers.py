"""Reading what the database really stores, past the fields that open sealed values."""

from django.db import connection

PHONE = "13912345678"
EMAIL = "zhang.expert@example.cn"
OBJECTION = {"name": "赵公民", "organisation": "朔州市某研究所", "phone": PHONE, "content": "数据不实。"}


def stored(model, pk, field: str) -> str:
    qn = connection.ops.quote_name
    column = model._meta.get_field(field).column
    with connection.cursor() as cur:
        cur.execute(f"SELECT {qn(column)} FROM {qn(model._meta.db_table)} WHERE {qn(model._meta.pk.column)} = %s",
                    [pk])
        return cur.fetchone()[0]


def write_clear(model, pk, field: str, value: str) -> None:
    """A value as a release before encryption wrote it."""
    qn = connection.ops.quote_name
    column = model._meta.get_field(field).column
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {qn(model._meta.db_table)} SET {qn(column)} = %s WHERE {qn(model._meta.pk.column)} = %s",
                    [value, pk])
