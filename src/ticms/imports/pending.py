"""The file between a dry run and its apply (web pages only): stored under a random name, remembered in the
user's session with its SM3 and time. An apply with a token the session does not hold, older than MAX_AGE, or
whose file changed, is refused as a stale dry run."""

from __future__ import annotations

import datetime
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from ticms.errors import ServiceError

MAX_AGE = datetime.timedelta(minutes=20)
STALE = "预检结果已失效（超过20分钟、已导入过或已重新上传），请重新上传文件并预检。"


def _key(kind: str) -> str:
    return f"ticms_import_{kind}"


def _sweep() -> None:
    """Files of dry runs nobody applied, once they can no longer be applied. A storage that cannot list its files
    or tell their age (Django raises NotImplementedError for those) is left to its own expiry rules."""
    try:
        _dirs, files = default_storage.listdir("imports/pending")
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        path = f"imports/pending/{name}"
        try:
            if timezone.now() - default_storage.get_modified_time(path) > MAX_AGE:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def keep(request, kind: str, upload, sm3: str, name: str) -> str:
    forget(request, kind)
    _sweep()
    token = secrets.token_urlsafe(16)
    upload.seek(0)
    path = default_storage.save(f"imports/pending/{token}.xlsx", ContentFile(upload.read()))
    request.session[_key(kind)] = {
        "token": token,
        "path": path,
        "sm3": sm3,
        "name": name,
        "at": timezone.now().isoformat(),
    }
    return token


def take(request, kind: str, token: str):
    """(file, sm3) of the dry run `token`, or a refusal."""
    held = request.session.get(_key(kind))
    if not held or not token or not secrets.compare_digest(held["token"], token):
        raise ServiceError("stale_dry_run", STALE, status=409)
    if timezone.now() - datetime.datetime.fromisoformat(held["at"]) > MAX_AGE or not default_storage.exists(
        held["path"]
    ):
        forget(request, kind)
        raise ServiceError("stale_dry_run", STALE, status=409)
    upload = default_storage.open(held["path"], "rb")
    upload.name = held["name"]
    return upload, held["sm3"]


def forget(request, kind: str) -> None:
    held = request.session.pop(_key(kind), None)
    if held and default_storage.exists(held["path"]):
        default_storage.delete(held["path"])
