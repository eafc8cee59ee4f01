"""ChangeAttachment becomes a StoredFile (ticms.storedfiles): `name` is renamed `original_name` (rows keep their
names), size widens to a big integer, the rest are labels and defaults."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import ticms.storedfiles


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0004_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="changeattachment", old_name="name", new_name="original_name"),
        migrations.AlterField(
            model_name="changeattachment",
            name="original_name",
            field=models.CharField(max_length=255, verbose_name="文件名"),
        ),
        migrations.AlterField(
            model_name="changeattachment",
            name="file",
            field=models.FileField(max_length=300, upload_to=ticms.storedfiles.stored_path, verbose_name="存储路径"),
        ),
        migrations.AlterField(
            model_name="changeattachment",
            name="size",
            field=models.PositiveBigIntegerField(verbose_name="大小（字节）"),
        ),
        migrations.AlterField(
            model_name="changeattachment",
            name="content_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="文件类型"),
        ),
        migrations.AlterField(
            model_name="changeattachment",
            name="sha256",
            field=models.CharField(max_length=64, verbose_name="SHA-256 摘要"),
        ),
        migrations.AlterField(
            model_name="changeattachment",
            name="sm3",
            field=models.CharField(max_length=64, verbose_name="SM3 摘要"),
        ),
        migrations.AlterField(
            model_name="changeattachment",
            name="uploaded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="上传人",
            ),
        ),
        migrations.AlterField(
            model_name="changeattachment",
            name="uploaded_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="上传时间"),
        ),
        migrations.AlterModelOptions(
            name="changeattachment",
            options={
                "ordering": ["uploaded_at", "pk"],
                "verbose_name": "变更申请附件",
                "verbose_name_plural": "变更申请附件",
            },
        ),
    ]
