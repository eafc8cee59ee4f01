"""Static files as deployed: collected under hashed names and served with a far-future cache (issue 15), so a
browser asks for the styles and scripts once per release, not on every page."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from ticms import settings as deployed

pytestmark = pytest.mark.django_db


def test_a_collected_static_file_is_served_under_its_hashed_name_with_a_long_immutable_cache(settings, tmp_path):
    # One real file through the deployed storage (the suite's own storage is a plain one: nothing collected).
    source = tmp_path / "source" / "web"
    source.mkdir(parents=True)
    (source / "favicon.ico").write_bytes(Path(finders.find("web/favicon.ico")).read_bytes())
    settings.STATICFILES_DIRS = [tmp_path / "source"]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": deployed.STORAGES["staticfiles"]}
    call_command("collectstatic", "--noinput", verbosity=0)

    client = Client()  # a new handler, so whitenoise reads the collected folder
    location = client.get("/favicon.ico")["Location"]
    assert re.fullmatch(r"/static/web/favicon\.[0-9a-f]{12}\.ico", location)
    response = client.get(location)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (source / "favicon.ico").read_bytes()
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"  # ten years (whitenoise)

