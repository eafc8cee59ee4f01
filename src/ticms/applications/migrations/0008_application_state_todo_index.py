# The workbench's to-do lines read one state, the longest waiting first (issue 15); the index on state alone goes,
# this one serves its filters too.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0007_application_number'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='application',
            name='application_state_27a8a9_idx',
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['state', 'updated_at', 'id'], name='application_state_todo_idx'),
        ),
    ]
