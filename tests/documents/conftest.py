import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Issued files go to a fresh media directory per test, so a test can see exactly which files were written."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _today(frozen_today):
    """Notices and 成文日期 read the clock with the working-day calendar: every test here runs on FROZEN_NOW."""
    return frozen_today
