"""Test settings: the real settings plus a small example flow that exercises the workflow core."""

from ticms.settings import *  # noqa: F403
from ticms.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.example_flow"]
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
