"""Factories for the records every test needs. Apps add theirs in tests/<app>/factories.py."""

import itertools

import factory

from ticms.accounts import credit_code
from ticms.accounts.models import CompetentUnit, Membership, Organisation, User
from ticms.accounts.roles import Role

_serial = itertools.count(1)


def make_credit_code(division: str = "140602") -> str:
    """A valid credit code registered in `division` (140602 = 朔城区)."""
    n = next(_serial)
    return credit_code.make(f"91{division}{n:08d}M")


class CompetentUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetentUnit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试区{n}")
    division_code = factory.Sequence(lambda n: f"1406{n % 90 + 10:02d}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"朔州测试科技有限公司{n}")
    credit_code = factory.LazyAttribute(lambda o: make_credit_code(o.competent_unit.division_code or "140602"))
    kind = Organisation.Kind.ENTERPRISE
    registered_address = "山西省朔州市朔城区"
    competent_unit = factory.SubFactory(CompetentUnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-12345")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with_role(role: str, *, organisation=None, competent_unit=None, **kwargs) -> User:
    user = UserFactory(**kwargs)
    if role == Role.APPLICANT and organisation is None:
        organisation = OrganisationFactory()
    if role == Role.COUNTY_OFFICER and competent_unit is None:
        competent_unit = CompetentUnitFactory()
    Membership.objects.create(user=user, role=role, organisation=organisation, competent_unit=competent_unit)
    if role == Role.SYSTEM_ADMIN:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


def solved_captcha() -> dict:
    """A captcha answered the way a person reading the image would (its stored answer)."""
    from captcha.models import CaptchaStore

    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}
