"""Test settings: the real settings plus a small example flow that exercises the workflow core."""

import os

# The suite runs with DEBUG off, as production does; it brings its own key (ticms.settings refuses to start
# without one when DEBUG is off).
os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-outside-the-test-suite")
os.environ.setdefault("TICMS_DATA_KEY", "dGVzdHMtb25seS1kYXRhIQ==")

from ticms.settings import *  # noqa: E402, F403
from ticms.settings import INSTALLED_APPS  # noqa: E402

# django_rq whatever the backend: a test switches to Redis at run time and runs its `rqworker`.
INSTALLED_APPS = [*INSTALLED_APPS, *([] if "django_rq" in INSTALLED_APPS else ["django_rq"]), "tests.example_flow"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Same databases, but the test framework's flush may empty the append-only audit table (tests/db_backends).
DATABASES["default"]["ENGINE"] = {  # noqa: F405
    "django.db.backends.sqlite3": "tests.db_backends.sqlite3",
    "django.db.backends.postgresql": "tests.db_backends.postgresql",
}[DATABASES["default"]["ENGINE"]]  # noqa: F405

# Mail stays in memory (django.core.mail.outbox); tests that need another backend override it.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
