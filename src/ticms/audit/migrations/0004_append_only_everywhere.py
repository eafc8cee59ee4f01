"""Audit events are append-only in the database on SQLite too, and PostgreSQL also refuses TRUNCATE.

Note for later migrations: on SQLite, Django rebuilds a table to alter most columns, which drops these
triggers; a migration that alters audit_event must create them again (tests/audit/test_append_only.py fails
if they are missing)."""

from django.db import migrations

from ticms.audit import triggers


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(triggers.SQLITE_UPDATE)
        schema_editor.execute(triggers.SQLITE_DELETE)
    elif vendor == "postgresql":
        schema_editor.execute(triggers.PG_TRUNCATE)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_event_canonical_version")]
    operations = [migrations.RunPython(forwards, backwards)]
