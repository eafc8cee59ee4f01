"""Events written before this migration were sealed with canonical form v1 and keep verifying with it;
new events default to v2, which also seals actor_name (see ticms.audit.chain)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="canonical_version",
            field=models.PositiveSmallIntegerField(default=1),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="event",
            name="canonical_version",
            field=models.PositiveSmallIntegerField(default=2),
        ),
    ]
