from django.core.management.base import BaseCommand
from django.db import transaction

from ticms.accounts.twofactor import demo_secret
from ticms.ops.demo import DEMO_PASSWORD, DemoContext, demo_accounts, seed_all


def second_factor(username: str) -> str:
    """Where the account needs a second factor: its demo device's secret and how to get a code."""
    secret = demo_secret(username)
    return f"  TOTP {secret}（ticms otp-code {username}）" if secret else ""


class Command(BaseCommand):
    help = "Seed the demonstration data (idempotent) and print every demo account (the same list on every run)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="multiply the number of demo records")

    def handle(self, *args, scale, **options):
        ctx = DemoContext(scale=max(1, scale), out=self.stdout)
        with transaction.atomic():
            seed_all(ctx)
        self.stdout.write("")
        self.stdout.write(f"演示账号 / demo accounts (password 密码: {DEMO_PASSWORD})")
        for role, username, note in demo_accounts():
            self.stdout.write(f"  {role:<15} {username:<12} {note}{second_factor(username)}")
