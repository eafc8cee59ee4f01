"""Attachment becomes a StoredFile (ticms.storedfiles): the same columns, new labels, a default upload time."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import ticms.storedfiles


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_signed_form_attachment"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(max_length=300, upload_to=ticms.storedfiles.stored_path, verbose_name="存储路径"),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="content_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="文件类型"),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="sha256",
            field=models.CharField(max_length=64, verbose_name="SHA-256 摘要"),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="sm3",
            field=models.CharField(max_length=64, verbose_name="SM3 摘要"),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="uploaded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="上传人",
            ),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="uploaded_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="上传时间"),
        ),
    ]
