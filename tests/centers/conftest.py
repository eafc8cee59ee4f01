import pytest

from tests.factories import OrganisationFactory

from .factories import make_center


@pytest.fixture
def center(organisation, bureau_officer):
    """An active domain center hosted by `organisation` (朔城区), whose applicant is the `applicant` fixture."""
    return make_center(organisation, field="储能", official_name="朔州市储能技术创新中心", bureau=bureau_officer)


@pytest.fixture
def other_center(other_organisation, bureau_officer):
    return make_center(other_organisation, field="新能源", official_name="朔州市新能源技术创新中心",
                       bureau=bureau_officer)


@pytest.fixture
def third_organisation(county):
    return OrganisationFactory(competent_unit=county, name="朔州第三科技有限公司")
