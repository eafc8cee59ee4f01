"""Checking an uploaded file before it is stored: size, real content type, digests (SHA-256 and SM3)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

import filetype
from cryptography.hazmat.primitives import hashes
from django.conf import settings

from ticms.errors import ServiceError

# Extension → the content types (detected from the bytes) it may hold.
ALLOWED = {
    "pdf": {"pdf"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png"},
    "doc": {"doc"},
    "docx": {"docx"},
    "xls": {"xls"},
    "xlsx": {"xlsx"},
    # Some office files are only recognisable as zip/OLE containers; the extension then decides.
}
CONTAINERS = {"docx": {"zip"}, "xlsx": {"zip"}, "doc": {"ole"}, "xls": {"ole"}}
HEAD_BYTES = 256 * 1024


@dataclass
class Checked:
    extension: str
    content_type: str
    size: int
    sha256: str
    sm3: str


def human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def check_upload(upload) -> Checked:
    """Refuse empty, oversized or mislabelled files with a sentence the uploader can act on."""
    limit = settings.TICMS_MAX_UPLOAD_BYTES
    name = os.path.basename(getattr(upload, "name", "") or "")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        raise ServiceError("file_type",
                           f"不支持的文件类型“{ext or '无扩展名'}”。请上传 PDF、图片（JPG/PNG）或 Office 文档。",
                           field="file")
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ServiceError("file_too_large",
                           f"文件“{name}”大小为 {human_size(size)}，超过单个附件上限 {human_size(limit)}。",
                           status=413, field="file")
    sha, sm3 = hashlib.sha256(), hashes.Hash(hashes.SM3())
    head, total = b"", 0
    upload.seek(0)
    for chunk in upload.chunks():
        total += len(chunk)
        if total > limit:
            raise ServiceError("file_too_large", f"文件“{name}”超过单个附件上限 {human_size(limit)}。", status=413,
                               field="file")
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        sha.update(chunk)
        sm3.update(chunk)
    if total == 0:
        raise ServiceError("file_empty", f"文件“{name}”是空文件。", field="file")
    kind = filetype.guess(head)
    detected = kind.extension if kind else ""
    if not detected and head.startswith(b"\xd0\xcf\x11\xe0"):
        detected = "ole"
    if detected not in ALLOWED[ext] and detected not in CONTAINERS.get(ext, set()):
        shown = detected.upper() if detected else "无法识别的格式"
        raise ServiceError("file_content_mismatch",
                           f"文件“{name}”的内容（{shown}）与扩展名 .{ext} 不符，请上传真实的 {ext.upper()} 文件。",
                           field="file")
    upload.seek(0)
    return Checked(ext, kind.mime if kind else "application/octet-stream", total, sha.hexdigest(),
                   sm3.finalize().hex())
