import os

import pytest

from ticms.accounts.roles import Role

from .factories import CompetentUnitFactory, OrganisationFactory, user_with_role

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def county(db):
    return CompetentUnitFactory(name="朔城区", division_code="140602")


@pytest.fixture
def other_county(db):
    return CompetentUnitFactory(name="平鲁区", division_code="140603")


@pytest.fixture
def organisation(county):
    return OrganisationFactory(competent_unit=county)


@pytest.fixture
def other_organisation(other_county):
    return OrganisationFactory(competent_unit=other_county)


@pytest.fixture
def applicant(organisation):
    return user_with_role(Role.APPLICANT, organisation=organisation)


@pytest.fixture
def other_applicant(other_organisation):
    return user_with_role(Role.APPLICANT, organisation=other_organisation)


@pytest.fixture
def county_officer(county):
    return user_with_role(Role.COUNTY_OFFICER, competent_unit=county)


@pytest.fixture
def other_county_officer(other_county):
    return user_with_role(Role.COUNTY_OFFICER, competent_unit=other_county)


@pytest.fixture
def bureau_officer(db):
    return user_with_role(Role.BUREAU_OFFICER)


@pytest.fixture
def expert_user(db):
    return user_with_role(Role.EXPERT)


@pytest.fixture
def system_admin(db):
    return user_with_role(Role.SYSTEM_ADMIN)


@pytest.fixture
def security_admin(db):
    return user_with_role(Role.SECURITY_ADMIN)


@pytest.fixture
def audit_admin(db):
    return user_with_role(Role.AUDIT_ADMIN)
