"""Phones and e-mail addresses are sealed with SM4 in the database, with the key id beside each value."""

import base64
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from ticms.accounts.models import User
from ticms.crypto.keys import key_id
from ticms.crypto.migration import seal_existing
from ticms.crypto.sm4 import DecryptionError
from ticms.notices import services
from ticms.notices.models import Objection
from ticms.reviews.models import Expert

from ..notices.factories import published_notice
from ..reviews.factories import ExpertFactory
from .helpers import EMAIL, OBJECTION, PHONE, stored, write_clear

pytestmark = pytest.mark.django_db
NEW_KEY = base64.b64encode(b"another-16-bytes").decode()


def test_an_objectors_phone_is_stored_sealed_and_read_back_plain(bureau_officer, settings):
    objection = services.raise_objection(item=published_notice(bureau_officer).items.get(), **OBJECTION)
    raw = stored(Objection, objection.pk, "phone")
    assert PHONE not in raw and raw.startswith("sm4g:")
    assert raw.split(":")[1] == key_id(base64.b64decode(settings.TICMS_DATA_KEY))
    assert Objection.objects.get(pk=objection.pk).phone == PHONE


def test_an_experts_phone_and_email_and_a_users_are_stored_sealed():
    expert = ExpertFactory(phone=PHONE, email=EMAIL)
    user = User.objects.create(username="u1", phone=PHONE, email=EMAIL)
    for model, pk in ((Expert, expert.pk), (User, user.pk)):
        assert PHONE not in stored(model, pk, "phone") and EMAIL not in stored(model, pk, "email")
    assert (Expert.objects.get(pk=expert.pk).email, User.objects.get(pk=user.pk).phone) == (EMAIL, PHONE)


def test_a_changed_sealed_value_is_refused_not_read_as_garbage():
    expert = ExpertFactory(phone=PHONE)
    raw = stored(Expert, expert.pk, "phone")
    body = bytearray(base64.b64decode(raw.rsplit(":", 1)[1]))
    body[-1] ^= 1
    write_clear(Expert, expert.pk, "phone", raw.rsplit(":", 1)[0] + ":" + base64.b64encode(bytes(body)).decode())
    loaded = Expert.objects.get(pk=expert.pk)  # opened when read, not when loaded
    with pytest.raises(DecryptionError):
        loaded.phone  # noqa: B018


def test_the_data_migration_seals_values_written_in_clear():
    expert = ExpertFactory()
    write_clear(Expert, expert.pk, "phone", PHONE)
    assert Expert.objects.get(pk=expert.pk).phone == PHONE  # read as itself until sealed
    # The migration's own function, with the one thing it uses of a schema editor: its connection.
    seal_existing("reviews", "Expert", ("phone", "email")).code(apps, SimpleNamespace(connection=connection))
    assert PHONE not in stored(Expert, expert.pk, "phone")
    assert Expert.objects.get(pk=expert.pk).phone == PHONE


def test_rotation_reseals_under_the_new_key_and_the_old_key_can_then_go(settings):
    old_key = settings.TICMS_DATA_KEY
    expert = ExpertFactory(phone=PHONE, email=EMAIL)
    settings.TICMS_DATA_KEY, settings.TICMS_DATA_KEYS_OLD = NEW_KEY, [old_key]
    assert Expert.objects.get(pk=expert.pk).phone == PHONE  # still opens with the old key
    call_command("rotate-data-key", stdout=open(os.devnull, "w"))
    assert stored(Expert, expert.pk, "phone").split(":")[1] == key_id(base64.b64decode(NEW_KEY))
    settings.TICMS_DATA_KEYS_OLD = []
    assert Expert.objects.get(pk=expert.pk).email == EMAIL
    call_command("rotate-data-key", "--check", stdout=open(os.devnull, "w"))


def test_a_value_under_a_key_that_is_not_configured_says_which_setting_to_fix(settings):
    expert = ExpertFactory(phone=PHONE)
    settings.TICMS_DATA_KEY = NEW_KEY
    with pytest.raises(DecryptionError, match="TICMS_DATA_KEYS_OLD"):
        Expert.objects.get(pk=expert.pk).phone  # noqa: B018


def test_production_refuses_to_start_without_a_data_key(tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in {"TICMS_DATA_KEY", "DEBUG", "DATABASE_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "ticms.settings", "PYTHONPATH": str(root / "src"),
                "SECRET_KEY": "x" * 50, "TICMS_DATA_DIR": str(tmp_path)})
    result = subprocess.run([sys.executable, "-m", "ticms.cli", "check"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0 and "TICMS_DATA_KEY is not set" in result.stderr
