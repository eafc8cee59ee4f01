"""`ticms demo`: seed a demonstration data set, idempotently.

Each app may have a `demo.py` with `seed(ctx: DemoContext)`; they run in INSTALLED_APPS order, so an
app can use what earlier apps seeded (ctx.orgs, ctx.users …). Running the command twice changes nothing.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password

from ticms.accounts.models import Membership, User
from ticms.accounts.services import grant_role

DEMO_PASSWORD = "ticms-demo-2026"


# The demo password is published, so a fixed salt hides nothing; it makes the hash the same on every run, which is
# how `demo_accounts()` finds the demo accounts again when a later run seeds nothing.
DEMO_SALT = "ticmsdemo"


@functools.cache
def demo_password_hash() -> str:
    """DEMO_PASSWORD hashed once for every demo account (used by `demo_account`): hashing it per
    account (PBKDF2, about 0.2 s each) was most of the demo's run time. The password is public anyway."""
    return make_password(DEMO_PASSWORD, salt=DEMO_SALT)


def demo_accounts() -> list[tuple[str, str, str]]:
    """(role, username, display name) of every account that still has the demo password, one line per role held,
    in the order the accounts were made — the same list on every run, whatever that run seeded."""

    rows = (Membership.objects.filter(user__password=demo_password_hash())
            .order_by("user_id", "id").values_list("role", "user__username", "user__display_name"))
    return list(dict.fromkeys(rows))  # an expert on two panels holds the role once per membership row


def demo_account(username: str, display: str, role: str, **target):
    """(user, created): the demo account `username` holding `role` (on `target`: organisation= or competent_unit=),
    made with the demo password the first time, left as it is after that."""

    user, created = User.objects.get_or_create(username=username, defaults={"display_name": display})
    if created:
        user.password = demo_password_hash()
        user.save()
    grant_role(user=user, role=role, **target)
    return user, created


@dataclass
class DemoContext:
    scale: int = 1
    out: object = None
    users: dict = field(default_factory=dict)  # username -> User
    orgs: list = field(default_factory=list)
    units: dict = field(default_factory=dict)  # name -> CompetentUnit
    extra: dict = field(default_factory=dict)  # anything an app wants to share with later apps

    def say(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text)


def seed_all(ctx: DemoContext) -> DemoContext:
    for config in apps.get_app_configs():
        if not config.name.startswith("ticms."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        seeder = getattr(module, "seed", None)
        if seeder is not None:
            seeder(ctx)
    return ctx
