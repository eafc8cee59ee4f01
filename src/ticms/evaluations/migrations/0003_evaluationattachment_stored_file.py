"""EvaluationAttachment becomes a StoredFile (ticms.storedfiles): `name` is renamed `original_name` (rows keep
their names), it gains the content type (empty for files stored before), the rest are labels and defaults."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import ticms.storedfiles


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0002_attachment_sm3"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="evaluationattachment", old_name="name", new_name="original_name"),
        migrations.AlterField(
            model_name="evaluationattachment",
            name="original_name",
            field=models.CharField(max_length=255, verbose_name="文件名"),
        ),
        migrations.AddField(
            model_name="evaluationattachment",
            name="content_type",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="文件类型"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="evaluationattachment",
            name="file",
            field=models.FileField(max_length=300, upload_to=ticms.storedfiles.stored_path, verbose_name="存储路径"),
        ),
        migrations.AlterField(
            model_name="evaluationattachment",
            name="size",
            field=models.PositiveBigIntegerField(verbose_name="大小（字节）"),
        ),
        migrations.AlterField(
            model_name="evaluationattachment",
            name="sha256",
            field=models.CharField(max_length=64, verbose_name="SHA-256 摘要"),
        ),
        migrations.AlterField(
            model_name="evaluationattachment",
            name="sm3",
            field=models.CharField(max_length=64, verbose_name="SM3 摘要"),
        ),
        migrations.AlterField(
            model_name="evaluationattachment",
            name="uploaded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="上传人",
            ),
        ),
        migrations.AlterField(
            model_name="evaluationattachment",
            name="uploaded_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="上传时间"),
        ),
    ]
