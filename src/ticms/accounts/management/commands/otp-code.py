"""`ticms otp-code USER`: the current second-factor code of a demo account (one whose TOTP device `ticms demo`
made with a printed secret), so the demo can be signed into without a phone. Real devices are never read."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from ticms.accounts.twofactor import current_code


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo account."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = TOTPDevice.objects.filter(user__username=username, name="demo", confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no demo TOTP device (only `ticms demo` accounts have one)")
        self.stdout.write(current_code(device))
