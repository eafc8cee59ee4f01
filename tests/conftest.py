import datetime
import os
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from ticms.accounts.roles import Role

from .factories import CompetentUnitFactory, OrganisationFactory, user_with_role

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# "Today" for tests whose code under test reads the clock together with the working-day calendar (notice periods,
# objections, recognition after the notice): a Monday, 10:00 in Shuozhou, in a year chinese-calendar knows. The
# real date would make them fail once the calendar runs out (publishing "today" in 2027 needs the 2027 schedule).
FROZEN_NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def pytest_configure(config):
    """TICMS_TEST_TODAY=YYYY-MM-DD runs the whole suite as if it were that day (the clock ticks on from it), to
    prove the suite does not depend on the real date — e.g. a year the holiday calendar does not know yet."""
    today = os.environ.get("TICMS_TEST_TODAY")
    if today:
        start = datetime.datetime.combine(datetime.date.fromisoformat(today), datetime.time(9, 30),
                                          tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
        config._ticms_travel = time_machine.travel(start, tick=True)
        config._ticms_travel.start()


_force_login = Client.force_login


def force_login_verified(self, user, backend=None):
    """`client.force_login` as a test helper also passes the second factor (django-otp keeps the device that
    verified the session under DEVICE_ID_SESSION_KEY); signing in through /login/ does not."""
    from ticms.accounts import twofactor

    _force_login(self, user, backend)
    twofactor.mark_verified(self.session, user)


Client.force_login = force_login_verified


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty Django cache: the dashboard keeps its figures there for a minute per scope,
    and the cache (local memory) outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_today():
    """Travel to FROZEN_NOW (the clock keeps ticking from there, in every thread); yields that date."""
    with time_machine.travel(FROZEN_NOW, tick=True):
        yield FROZEN_NOW.date()


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
