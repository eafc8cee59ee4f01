import pytest

from .factories import application


@pytest.fixture
def subject(organisation):
    return application(organisation)
