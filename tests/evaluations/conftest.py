import datetime

import pytest
from django.utils import timezone

from .factories import make_center, open_round


@pytest.fixture
def this_year():
    return timezone.localdate().year


@pytest.fixture
def center(bureau_officer, organisation, this_year):
    """Recognised three years ago: due this year."""
    return make_center(bureau_officer, organisation, recognized_on=datetime.date(this_year - 3, 3, 1))


@pytest.fixture
def other_center(bureau_officer, other_organisation, this_year):
    return make_center(bureau_officer, other_organisation, recognized_on=datetime.date(this_year - 3, 4, 1))


@pytest.fixture
def round_(bureau_officer, center, other_center, this_year):
    return open_round(bureau_officer, this_year)


@pytest.fixture
def evaluation(round_, center):
    return round_.evaluations.get(center=center)


@pytest.fixture
def other_evaluation(round_, other_center):
    return round_.evaluations.get(center=other_center)
