"""One shape for every uploaded file kept with a record (申请书附件, 评估附件, 变更申请附件), and one way to store it.

`StoredFile` holds what the bureau must be able to prove about a file later — its name as uploaded, size, real
content type, SHA-256 and SM3 digests, where it is stored, who uploaded it and when. `store_upload` is the only
way an upload becomes a row: it checks type and size (`documents.uploads.check_upload`), computes the digests,
writes the file under its digest and saves the row; if anything after the write fails, the file is deleted, so a
failed upload leaves neither a row nor an orphan file.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.db import models
from django.utils import timezone

from ticms.documents.uploads import check_upload, save_file, stores_files
from ticms.errors import ServiceError


def stored_path(instance: StoredFile, filename: str) -> str:
    # The stored name is the digest: the uploaded name is kept in the row, never trusted as a path.
    return f"{instance.storage_dir()}/{instance.sha256}"


class StoredFile(models.Model):
    file = models.FileField("存储路径", upload_to=stored_path, max_length=300)
    original_name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("文件类型", max_length=100, blank=True)
    sha256 = models.CharField("SHA-256 摘要", max_length=64)
    sm3 = models.CharField("SM3 摘要", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def storage_dir(self) -> str:
        """The folder under MEDIA_ROOT for this record's files (its owner's id in it); every concrete model names
        its own (tests/test_storedfiles.py checks each upload model is a StoredFile)."""
        raise NotImplementedError


@stores_files
def store_upload(record: StoredFile, upload, *, uploaded_by, only: tuple[set[str], str] | None = None) -> StoredFile:
    """Check `upload`, fill `record`'s file fields from it, write the file and save the row (the record's own
    fields — its owner, its kind — are set by the caller). Raises `ServiceError` for a missing, empty,
    oversized or mislabelled file, before anything is written. `only` narrows the accepted types for one kind
    of file: (extensions, what to say, with {extension} for the refused one)."""
    if upload is None:
        raise ServiceError("file_required", "请选择要上传的文件。", field="file")
    checked = check_upload(upload)
    if only and checked.extension not in only[0]:
        raise ServiceError("wrong_type", only[1].format(extension=checked.extension), field="file")
    record.original_name = os.path.basename(upload.name or "")[:255] or "附件"
    record.size, record.content_type = checked.size, checked.content_type
    record.sha256, record.sm3 = checked.sha256, checked.sm3
    record.uploaded_by, record.uploaded_at = uploaded_by, timezone.now()
    save_file(record.file, record.sha256, upload)
    record.save()
    return record
