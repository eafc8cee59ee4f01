import pytest

from .factories import application


@pytest.fixture(autouse=True)
def _today(frozen_today):
    """Notices read "today" together with the working-day calendar: every test here runs on FROZEN_NOW."""
    return frozen_today


@pytest.fixture
def subject(organisation):
    return application(organisation)
