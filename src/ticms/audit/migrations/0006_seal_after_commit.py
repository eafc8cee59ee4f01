"""Audit events are written unsealed in the business transaction and sealed after commit (docs/architecture.md,
"Sealing after commit"): hashes become nullable until sealed, `chain_no` orders the chain, and the append-only
triggers allow exactly one UPDATE per event, the sealing.

Every event already in the log was sealed in `seq` order with no gaps, so its chain position is its `seq`. The
database's sequence for `seq` had been left behind by explicit keys: it is moved past the last event."""

from django.db import migrations, models

from ticms.audit import triggers


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
        schema_editor.execute("UPDATE audit_event SET chain_no = seq")
        schema_editor.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
        schema_editor.execute(triggers.PG_FUNCTION_SEALING)
        schema_editor.execute(
            "SELECT setval(pg_get_serial_sequence('audit_event', 'seq'), "
            "COALESCE((SELECT MAX(seq) FROM audit_event), 0) + 1, false)"
        )
    elif vendor == "sqlite":
        # Altering the columns rebuilt the table on SQLite, which dropped its triggers (see 0004).
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        schema_editor.execute("UPDATE audit_event SET chain_no = seq")
        schema_editor.execute(triggers.SQLITE_UPDATE_SEALING)
        schema_editor.execute(triggers.SQLITE_DELETE)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(triggers.PG_FUNCTION_V1)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        schema_editor.execute(triggers.SQLITE_UPDATE)
        schema_editor.execute(triggers.SQLITE_DELETE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_chinese_labels")]
    operations = [
        migrations.AlterField(
            model_name="event", name="prev_hash", field=models.CharField(blank=True, max_length=64, null=True)
        ),
        migrations.AlterField(
            model_name="event", name="hash", field=models.CharField(blank=True, max_length=64, null=True, unique=True)
        ),
        migrations.AddField(
            model_name="event", name="chain_no", field=models.BigIntegerField(blank=True, null=True, unique=True)
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(condition=models.Q(("hash__isnull", True)), fields=["seq"], name="audit_unsealed_idx"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
