"""Checking an uploaded file before it is stored: size, real content type, the inside of office packages,
digests (SHA-256 and SM3); and storing it so that a failed upload leaves no file behind."""

from __future__ import annotations

import contextvars
import functools
import hashlib
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import transaction

from ticms.crypto.sm3 import new as sm3_new
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


def upload_hint() -> str:
    """What an upload field says under it: the types and the size limit `check_upload` applies."""
    limit = human_size(settings.TICMS_MAX_UPLOAD_BYTES)
    return f"PDF、图片（JPG/PNG）或 Office 文档（Word/Excel），单个文件不超过 {limit}。"


def check_upload(upload) -> Checked:
    """Refuse empty, oversized or mislabelled files with a sentence the uploader can act on."""
    limit = settings.TICMS_MAX_UPLOAD_BYTES
    name = os.path.basename(getattr(upload, "name", "") or "")
    if "\x00" in name:
        raise ServiceError("file_name", "文件名中含有空字符（NUL），请重命名后再上传。", field="file")
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
    sha, sm3 = hashlib.sha256(), sm3_new()
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
    # Imported here: only a request that carries a file needs it, and its matchers (15 modules, ~0.4 MB) would
    # otherwise sit in every web worker from start-up (issue 15).
    import filetype

    kind = filetype.guess(head)
    detected = kind.extension if kind else ""
    if not detected and head.startswith(b"\xd0\xcf\x11\xe0"):
        detected = "ole"
    if detected not in ALLOWED[ext] and detected not in CONTAINERS.get(ext, set()):
        shown = detected.upper() if detected else "无法识别的格式"
        raise ServiceError("file_content_mismatch",
                           f"文件“{name}”的内容（{shown}）与扩展名 .{ext} 不符，请上传真实的 {ext.upper()} 文件。",
                           field="file")
    if ext in OFFICE_PACKAGES:
        check_office_package(upload, name, ext)
    upload.seek(0)
    return Checked(ext, kind.mime if kind else "application/octet-stream", total, sha.hexdigest(),
                   sm3.hexdigest())


# An OOXML package is a zip with [Content_Types].xml and its main part; macros live in vbaProject.bin (a .docx
# or .xlsx may not carry any: those are .docm/.xlsm). Executables have no business inside an office file.
OFFICE_PACKAGES = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
FORBIDDEN_SUFFIXES = (".exe", ".dll", ".com", ".bat", ".cmd", ".scr", ".msi", ".ps1", ".vbs", ".js", ".jar",
                      ".sh")


def check_office_package(upload, name: str, ext: str) -> None:
    """Refuse a .docx/.xlsx that is not a real OOXML package, carries macros or programs, or unpacks too big."""
    def refuse(why: str) -> ServiceError:
        return ServiceError("file_content_mismatch", f"文件“{name}”不是有效的 {ext.upper()} 文档：{why}", field="file")

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refuse("压缩包结构损坏。") from None
    if len(entries) > settings.TICMS_OFFICE_MAX_ENTRIES:
        raise refuse(f"包含 {len(entries)} 个部件，超过上限 {settings.TICMS_OFFICE_MAX_ENTRIES}。")
    # The sizes in the central directory are what a reader would unpack; their sum bounds a zip bomb.
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > settings.TICMS_OFFICE_MAX_UNCOMPRESSED_BYTES:
        raise refuse(f"解压后大小为 {human_size(unpacked)}，超过上限 "
                     f"{human_size(settings.TICMS_OFFICE_MAX_UNCOMPRESSED_BYTES)}。")
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or OFFICE_PACKAGES[ext] not in names:
        raise refuse("缺少 Office 文档的必要部件。")
    for entry in names:
        lowered = entry.lower()
        if lowered.rsplit("/", 1)[-1] == "vbaproject.bin":
            raise refuse("包含宏（VBA），请另存为不含宏的文档。")
        if lowered.endswith(FORBIDDEN_SUFFIXES) or ".." in lowered.split("/"):
            raise refuse(f"包含不允许的文件“{entry}”。")


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Writes an uploaded file to disk only up to the attachment limit, counting the rest, so an oversized file
    costs no disk and `check_upload` still tells the uploader how large it was."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.seen = 0

    def receive_data_chunk(self, raw_data, start):
        self.seen += len(raw_data)
        if self.seen <= settings.TICMS_MAX_UPLOAD_BYTES + 1:
            self.file.write(raw_data)

    def file_complete(self, file_size):
        uploaded = super().file_complete(file_size)
        uploaded.size = self.seen
        return uploaded


_STORED: contextvars.ContextVar[list | None] = contextvars.ContextVar("ticms_stored_files", default=None)


def stores_files(service):
    """Run a service that stores uploaded files in one transaction; if it fails, delete the files it stored.

    Nested (a service calling `storedfiles.store_upload`), the inner call deletes its files when it fails and
    otherwise hands them to the outer one, which deletes them if it fails later (its audit event, say)."""
    @functools.wraps(service)
    def run(*args, **kwargs):
        outer = _STORED.get()
        stored: list = []
        token = _STORED.set(stored)
        try:
            with transaction.atomic():
                result = service(*args, **kwargs)
        except BaseException:
            for storage, name in stored:
                storage.delete(name)
            raise
        finally:
            _STORED.reset(token)
        if outer is not None:
            outer.extend(stored)
        return result
    return run


def save_file(field_file, name: str, content) -> None:
    """`field_file.save(name, content, save=False)`, remembered so `stores_files` can undo it."""
    field_file.save(name, content, save=False)
    stored = _STORED.get()
    if stored is not None:
        stored.append((field_file.storage, field_file.name))
