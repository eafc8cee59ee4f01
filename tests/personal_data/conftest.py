import pytest


@pytest.fixture(autouse=True)
def _today(frozen_today):
    """Objections need a notice in its period, which reads "today" with the working-day calendar."""
    return frozen_today
