"""Test settings: the real settings plus a small example flow that exercises the workflow core."""

import os

# The suite runs with DEBUG off, as production does; it brings its own key (ticms.settings refuses to start
# without one when DEBUG is off).
os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-outside-the-test-suite")

from ticms.settings import *  # noqa: E402, F403
from ticms.settings import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "tests.example_flow"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
