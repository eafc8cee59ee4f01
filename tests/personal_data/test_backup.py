"""Backups are sealed with SM4: a copy of the backup shows nobody the records without the key."""

import base64
import json

import pytest

from ticms.notices import services
from ticms.ops.backup import BackupError, backup
from ticms.ops.restore import check_backup

from ..notices.factories import published_notice
from .helpers import OBJECTION, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
CONTENT = "该单位研发投入数据与年报不一致（备份测试）"


@pytest.fixture
def taken(bureau_officer, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    services.raise_objection(item=published_notice(bureau_officer).items.get(),
                             **{**OBJECTION, "content": CONTENT})
    return backup(tmp_path / "backups")


def test_a_backup_holds_neither_a_phone_nor_any_record_text_in_clear(taken):
    manifest = json.loads((taken / "manifest.json").read_text())
    assert manifest["cipher"] == "SM4-GCM" and manifest["key_id"]
    for path in taken.iterdir():
        data = path.read_bytes()
        assert PHONE.encode() not in data and CONTENT.encode() not in data, path.name
    assert check_backup(taken) >= 1  # and it restores (checked in full, nothing switched)


def test_a_backup_cannot_be_opened_with_another_key(taken, settings):
    settings.TICMS_DATA_KEY = base64.b64encode(b"not-the-real-key").decode()
    with pytest.raises(BackupError, match="cannot open"):
        check_backup(taken)


def test_a_separate_backup_key_is_used_when_set(bureau_officer, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TICMS_BACKUP_KEY = base64.b64encode(b"backup-key-16-by").decode()
    out = backup(tmp_path / "backups")
    from ticms.crypto.keys import backup_key

    assert json.loads((out / "manifest.json").read_text())["key_id"] == backup_key().id
    settings.TICMS_BACKUP_KEY = ""
    with pytest.raises(BackupError, match="cannot open"):
        check_backup(out)
