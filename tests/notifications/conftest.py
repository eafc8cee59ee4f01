import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def work_queue():
    """Run `ticms worker --batch`: the real worker works every queued task, then returns."""

    def run():
        call_command("worker", "--batch", verbosity=0)

    return run
