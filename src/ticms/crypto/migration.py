"""The data migration that seals values written before encryption (and opens them again if reverted)."""

from __future__ import annotations

from django.db import migrations


def seal_existing(app_label: str, model_name: str, fields: tuple[str, ...]) -> migrations.RunPython:
    def forward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        # The historical field is the encrypted one: reading gives the plain text, saving seals it.
        for obj in model.objects.using(schema_editor.connection.alias).only("pk", *fields).iterator():
            obj.save(update_fields=list(fields))

    def backward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        table, conn = model._meta.db_table, schema_editor.connection
        qn = conn.ops.quote_name
        for obj in model.objects.using(conn.alias).only("pk", *fields).iterator():
            with conn.cursor() as cur:
                for name in fields:
                    column = model._meta.get_field(name).column
                    cur.execute(f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE {qn(model._meta.pk.column)} = %s",
                                [getattr(obj, name) or "", obj.pk])

    return migrations.RunPython(forward, backward)
