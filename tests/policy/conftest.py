import pytest

from ticms.policy import load_policy, reset_policy_cache

from .factories import PROVINCE, SHUOZHOU


@pytest.fixture
def policy():
    return load_policy(SHUOZHOU)


@pytest.fixture
def province():
    return load_policy(PROVINCE)


@pytest.fixture(autouse=True)
def _fresh_policy_cache():
    reset_policy_cache()
    yield
    reset_policy_cache()
